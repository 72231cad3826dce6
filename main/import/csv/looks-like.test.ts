import { describe, expect, it } from 'vitest';
import { looksLikeCsv } from './index.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A tiny but complete PNG (1×1, one IHDR, IDAT and IEND chunk). */
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
  0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00,
  0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

describe('looksLikeCsv', () => {
  it('accepts a header we understand, even with no data rows', () => {
    expect(looksLikeCsv(utf8('Name,Phone\r\n'))).toBe(true);
    expect(looksLikeCsv(utf8('Display Name;Primary Email\n'))).toBe(true);
  });

  it('accepts unknown headers when a delimiter is consistent across lines', () => {
    expect(looksLikeCsv(utf8('a\tb\tc\n1\t2\t3\n4\t5\t6\n'))).toBe(true);
    expect(looksLikeCsv(utf8('x;y\n"1;1";2\n3;4\n'))).toBe(true);
  });

  it('accepts UTF-16 text', () => {
    expect(looksLikeCsv(Buffer.from('Name,Phone\r\nAnn,1\r\n', 'utf16le'))).toBe(true);
  });

  it('rejects binary data', () => {
    expect(looksLikeCsv(PNG)).toBe(false);
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expect(looksLikeCsv(noise)).toBe(false);
  });

  it('rejects vCards, prose and empty input', () => {
    expect(looksLikeCsv(utf8('BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;John;;;\r\nFN:John Doe\r\nEND:VCARD\r\n'))).toBe(
      false,
    );
    expect(looksLikeCsv(utf8('Dear Ann\nthanks for the letter\nsee you soon\n'))).toBe(false);
    expect(looksLikeCsv(utf8('one line, with a comma\n'))).toBe(false);
    expect(looksLikeCsv(new Uint8Array(0))).toBe(false);
  });

  it('reads only the start of a large file', () => {
    const big = 'Name,Phone\n' + 'Ann,1\n'.repeat(200_000) + '\0\0\0';
    expect(looksLikeCsv(utf8(big))).toBe(true);
  });
});
