import { describe, expect, it } from 'vitest';
import { looksLikeVcard } from './index.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(s: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    out[i * 2 + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[i * 2 + (order === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

const CARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n';

describe('looksLikeVcard', () => {
  it.each([
    ['plain', utf8(CARD)],
    ['lower case', utf8(CARD.toLowerCase())],
    ['after a UTF-8 BOM', utf8('\uFEFF' + CARD)],
    ['after blank lines', utf8('\r\n  \n\t\n' + CARD)],
    ['UTF-16 LE with BOM', utf16('\uFEFF' + CARD, 'le')],
    ['UTF-16 BE with BOM', utf16('\uFEFF' + CARD, 'be')],
    ['UTF-16 LE without BOM', utf16(CARD, 'le')],
    ['UTF-16 BE without BOM', utf16(CARD, 'be')],
    ['with blanks around the marker', utf8('  BEGIN:VCARD  \nEND:VCARD')],
  ])('recognises a vCard file: %s', (_name, bytes) => {
    expect(looksLikeVcard(bytes)).toBe(true);
  });

  it.each([
    ['empty', utf8('')],
    ['a CSV file', utf8('First Name,Last Name,Phone\nAnn,Lee,+1 555 0100\n')],
    ['a calendar', utf8('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')],
    ['text before the card', utf8('Contacts export\n' + CARD)],
    ['a longer marker', utf8('BEGIN:VCARDS\n')],
  ])('rejects %s', (_name, bytes) => {
    expect(looksLikeVcard(bytes)).toBe(false);
  });
});
