import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, looksLikeShiftJis } from './decode.ts';
import { parseCsvContacts } from './index.ts';

const utf16le = (s: string): Uint8Array => Buffer.from(s, 'utf16le');
const utf16be = (s: string): Uint8Array => Buffer.from(s, 'utf16le').swap16();
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => Buffer.concat(parts.map((p) => Uint8Array.from(p)));

/** windows-1252 for the characters these tests use: Latin-1 plus the 0x80–0x9F punctuation. */
function cp1252(s: string): Uint8Array {
  const extra: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
  return Uint8Array.from([...s].map((c) => extra[c] ?? c.charCodeAt(0)));
}

/** 山田太郎 / さくら / タロウ in Shift_JIS. */
const YAMADA = [0x8e, 0x52, 0x93, 0x63, 0x91, 0xbe, 0x98, 0x59];
const SAKURA = [0x82, 0xb3, 0x82, 0xad, 0x82, 0xe7];
const TARO = [0x83, 0x5e, 0x83, 0x8d, 0x83, 0x45];

const BOOK = 'Name,Mobile\r\nJürgen Weiß,+49 30 1234567\r\n名無しの権兵衛,090-1234-5678\r\n';
const EXPECTED = [
  { line: 2, uid: null, name: 'Jürgen Weiß', phones: [{ raw: '+49 30 1234567', label: 'Mobile' }] },
  { line: 3, uid: null, name: '名無しの権兵衛', phones: [{ raw: '090-1234-5678', label: 'Mobile' }] },
];

describe('decoding', () => {
  it('UTF-8 with a BOM: the BOM does not stick to the first header name', () => {
    const bytes = concat([0xef, 0xbb, 0xbf], new TextEncoder().encode(BOOK));
    const result = parseCsvContacts(bytes, 'bom.csv');
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual(EXPECTED);
  });

  it('UTF-16 BE without a BOM', () => {
    const bytes = utf16be(BOOK);
    expect(decodeCsvBytes(bytes).charset).toBe('utf-16be');
    expect(parseCsvContacts(bytes, 'be.csv').contacts).toEqual(EXPECTED);
  });

  it('UTF-16 BE with a BOM, UTF-16 LE with and without one', () => {
    expect(parseCsvContacts(concat([0xfe, 0xff], utf16be(BOOK)), 'x.csv').contacts).toEqual(EXPECTED);
    expect(parseCsvContacts(concat([0xff, 0xfe], utf16le(BOOK)), 'x.csv').contacts).toEqual(EXPECTED);
    expect(parseCsvContacts(utf16le(BOOK), 'x.csv').contacts).toEqual(EXPECTED);
  });

  it('Shift_JIS without a marker: kanji, hiragana and katakana names', () => {
    const bytes = concat(
      Buffer.from('Name,Phone\r\n'),
      YAMADA,
      Buffer.from(',03-1234-5678\r\n'),
      SAKURA,
      [0x20],
      TARO,
      Buffer.from(',06-0000-0000\r\n'),
    );
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.charset).toBe('shift_jis');
    expect(parseCsvContacts(bytes, 'sjis.csv').contacts.map((c) => c.name)).toEqual(['山田太郎', 'さくら タロウ']);
  });

  it('windows-1252 that also happens to be valid Shift_JIS is read as windows-1252', () => {
    // é+e, ’+B, ç+o and Ä+r are each a well-formed Shift_JIS pair or kana, so a plain "decodes cleanly" test fails.
    const text = 'Name,Phone\nRenée O’Brien,1\nFrançois Ärger,2\n';
    const bytes = cp1252(text);
    expect(new TextDecoder('shift_jis', { fatal: true }).decode(bytes)).not.toBe(text);
    expect(looksLikeShiftJis(bytes)).toBe(false);
    expect(decodeCsvBytes(bytes)).toEqual({ text, charset: 'windows-1252' });
  });

  it('windows-1252 that is not Shift_JIS at all', () => {
    const text = 'Name,Phone\nMüller € 5,1\nCafé,2\n';
    expect(decodeCsvBytes(cp1252(text))).toEqual({ text, charset: 'windows-1252' });
  });

  it('valid UTF-8 wins over everything else', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Name\n山田\n'))).toEqual({
      text: 'Name\n山田\n',
      charset: 'utf-8',
    });
  });
});
