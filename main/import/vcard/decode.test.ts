import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, decodeValue } from './decode.ts';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array): string => String.fromCharCode(...b);

describe('decodeQuotedPrintable', () => {
  it('turns =XX (either case) into bytes and keeps everything else', () => {
    expect(Array.from(decodeQuotedPrintable(ascii('a=3Db=c3=A9')))).toEqual([0x61, 0x3d, 0x62, 0xc3, 0xa9]);
  });

  it('keeps an = that does not start two hex digits', () => {
    expect(text(decodeQuotedPrintable(ascii('x=ZZ y=4 z=')))).toBe('x=ZZ y=4 z=');
  });
});

describe('decodeValue', () => {
  it('leaves ASCII alone', () => {
    expect(decodeValue('Ann Lee', '', '', true)).toBe('Ann Lee');
  });

  it('decodes quoted-printable in a Unicode (UTF-16 file) value with the charset', () => {
    expect(decodeValue('Zoë =E3=83=A1', 'quoted-printable', 'utf-8', false)).toBe('Zoë メ');
    expect(decodeValue('=D6berg', 'quoted-printable', 'iso-8859-1', false)).toBe('Öberg');
  });

  it('falls back to UTF-8 for an unknown charset name', () => {
    expect(decodeValue('\xc3\x85sa', '', 'x-no-such-charset', true)).toBe('Åsa');
  });

  it('does not decode a Unicode value again', () => {
    expect(decodeValue('Åsa', '', 'ISO-8859-1', false)).toBe('Åsa');
  });
});
