import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, decodeValue, decodeValueChecked } from './decode.ts';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array): string => String.fromCharCode(...b);

describe('decodeQuotedPrintable', () => {
  it('turns =XX (either case) into bytes and keeps everything else', () => {
    expect(Array.from(decodeQuotedPrintable(ascii('a=3Db=c3=A9')))).toEqual([0x61, 0x3d, 0x62, 0xc3, 0xa9]);
  });

  it('keeps an = that does not start two hex digits', () => {
    expect(text(decodeQuotedPrintable(ascii('x=ZZ y=4 z=3')))).toBe('x=ZZ y=4 z=3');
  });

  it('drops a soft break that has nothing after it (the card ended there)', () => {
    expect(text(decodeQuotedPrintable(ascii('Ann=')))).toBe('Ann');
    expect(text(decodeQuotedPrintable(ascii('Ann= \t')))).toBe('Ann');
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

describe('decodeValueChecked on damaged values', () => {
  const qp = (raw: string, charset = '', binary = false) =>
    decodeValueChecked(raw, 'quoted-printable', charset, binary);

  it('reads a clean value without trouble', () => {
    expect(qp('J=C3=B6rg', 'UTF-8')).toEqual({ text: 'Jörg', trouble: null });
    expect(qp('=D6berg', 'ISO-8859-1')).toEqual({ text: 'Öberg', trouble: null });
    expect(qp('M=FCller')).toEqual({ text: 'Müller', trouble: null });
  });

  it('keeps a cut multi-byte character and a cut escape as written, never as mojibake', () => {
    for (const charset of ['', 'UTF-8']) {
      for (const binary of [false, true]) {
        const decoded = qp('=E2=9', charset, binary);
        expect(decoded.text).toBe('=E2=9');
        expect(decoded.text).not.toContain('â');
        expect(decoded.trouble).toEqual({ kind: 'undecodable', charset });
      }
    }
  });

  it('decodes what is valid around the damage, each escape kept exactly as it was written', () => {
    expect(qp('Zo=C3=AB =e2=82 Lee', 'utf-8')).toEqual({
      text: 'Zoë =e2=82 Lee',
      trouble: { kind: 'undecodable', charset: 'utf-8' },
    });
  });

  it('keeps an escape that is not hex (=G1) as written and says so', () => {
    expect(qp('J=C3=B6rg=G1', 'UTF-8')).toEqual({ text: 'Jörg=G1', trouble: { kind: 'broken-escape' } });
    expect(qp('Ann=9')).toEqual({ text: 'Ann=9', trouble: { kind: 'broken-escape' } });
  });

  it('reads a value whose CHARSET does not fit in the encoding that does, and names both', () => {
    // Latin-1 bytes declared as UTF-8: windows-1252 reads them.
    expect(qp('M=FCller', 'UTF-8')).toEqual({
      text: 'Müller',
      trouble: { kind: 'charset', charset: 'UTF-8', readAs: 'windows-1252' },
    });
    // UTF-8 bytes declared as ISO-8859-2, where 0x81 is a control character: UTF-8 reads them.
    expect(qp('=C5=81ukasz', 'ISO-8859-2')).toEqual({
      text: 'Łukasz',
      trouble: { kind: 'charset', charset: 'ISO-8859-2', readAs: 'UTF-8' },
    });
  });

  it('reads raw 8-bit bytes the same way', () => {
    expect(decodeValueChecked('M\xfcller', '', 'UTF-8', true)).toEqual({
      text: 'Müller',
      trouble: { kind: 'charset', charset: 'UTF-8', readAs: 'windows-1252' },
    });
    // 0x81 is undefined in windows-1252 and starts no UTF-8 sequence: kept as a replacement character.
    expect(decodeValueChecked('A\x81\xe9', '', 'UTF-8', true)).toEqual({
      text: 'A\ufffdé',
      trouble: { kind: 'undecodable', charset: 'UTF-8' },
    });
  });
});
