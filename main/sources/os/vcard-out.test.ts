import { describe, expect, it } from 'vitest';
import { readBack } from './read-back.ts';
import { escapeText, fold, NO_NAME, writeVcard } from './vcard-out.ts';

const base = { ...NO_NAME, uid: 'u1', rev: null, nickname: '', org: '', emails: [], phones: [] };

describe('vCard 3.0 output', () => {
  it('escapes text values', () => {
    expect(escapeText('a\\b,c;d\r\ne\nf')).toBe('a\\\\b\\,c\\;d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `FN:${'é'.repeat(30)}${'😀'.repeat(20)}`;
    const folded = fold(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(fold('FN:short')).toBe('FN:short');
  });

  it('writes a card the importer reads back with the same name, numbers and uid', () => {
    const formatted = `${'Wolfgang Amadeus '.repeat(6)}Mozart; “Wolferl”, 😀`;
    const vcard = writeVcard({
      ...base,
      formatted,
      phones: [
        { number: '+43 662 123\n456', types: ['CELL'] },
        { number: '  ', types: ['HOME'] },
        { number: '+43 1 234', types: [], label: 'Summer, house' },
      ],
      rev: '2024-01-02T03:04:05.000Z',
    });
    expect(vcard.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
    expect(vcard.endsWith('REV:2024-01-02T03:04:05.000Z\r\nEND:VCARD\r\n')).toBe(true);
    expect(readBack({ uid: 'u1', rev: null, vcard })).toMatchObject({
      uid: 'u1',
      name: formatted,
      phones: [
        { raw: '+43 662 123 456', label: 'Mobile' },
        { raw: '+43 1 234', label: 'Summer, house' },
      ],
    });
  });
});
