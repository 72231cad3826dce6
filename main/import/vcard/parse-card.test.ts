import { describe, expect, it } from 'vitest';
import { NOTHING_USABLE_CARD, UNDECODABLE_NAME_AND_NO_NUMBER } from '../name-text.ts';
import { RecordError } from '../types.ts';
import type { ParsedContact } from '../types.ts';
import { parseVcardChunk, splitVcards } from './index.ts';
import { composeName } from './parse-card.ts';

/** Bytes of a string whose chars are all below 256: lets a test hold raw 8-bit bytes inline. */
const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** One card given as lines, read from bytes the way a file is. */
function card(lines: string[], encode: (s: string) => Uint8Array = utf8): ParsedContact {
  const { cards, errors } = splitVcards(encode(['BEGIN:VCARD', ...lines, 'END:VCARD'].join('\r\n')), 't.vcf');
  expect(errors).toEqual([]);
  expect(cards).toHaveLength(1);
  return parseVcardChunk(cards[0] as (typeof cards)[number]);
}

const phones = (c: ParsedContact): [string, string][] => c.phones.map((p) => [p.raw, p.label]);

describe('parseVcardChunk: versions', () => {
  it.each(['2.1', '3.0', '4.0'])('reads a %s card', (version) => {
    const c = card([`VERSION:${version}`, 'FN:Ann Lee', 'TEL;TYPE=cell:+1 555 0100', 'UID:abc']);
    expect(c).toEqual({ line: 1, uid: 'abc', name: 'Ann Lee', phones: [{ raw: '+1 555 0100', label: 'Mobile' }] });
  });

  it('reads a card with no VERSION', () => {
    expect(card(['FN:Ann', 'TEL:1']).phones).toEqual([{ raw: '1', label: '' }]);
  });
});

describe('parseVcardChunk: quoted-printable and charsets', () => {
  it('joins 2.1 soft line breaks whose continuation lines are not indented', () => {
    const c = card([
      'VERSION:2.1',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg =',
      'M=C3=BC=',
      'ller',
      'TEL;CELL:1',
    ]);
    expect(c.name).toBe('Jörg Müller');
    expect(phones(c)).toEqual([['1', 'Mobile']]);
  });

  it('takes QUOTED-PRINTABLE as a bare 2.1 word and decodes a split =0D=0A', () => {
    const c = card(['VERSION:2.1', 'FN;QUOTED-PRINTABLE:Ann=0D=', '=0ALee']);
    expect(c.name).toBe('Ann Lee');
  });

  it('decodes quoted-printable Shift_JIS', () => {
    expect(card(['VERSION:2.1', 'FN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=83=81=83=82']).name).toBe('メモ');
  });

  it('decodes raw Shift_JIS whose trail bytes are 0x5C without taking them for escapes', () => {
    // 能 is 0x94 0x5C and 圭 is 0x8C 0x5C: a byte-level unescape would eat the 0x5C or split at the ';'.
    const c = card(['VERSION:2.1', 'N;CHARSET=SHIFT_JIS:\x94\x5c;\x8c\x5c;;;'], bytes);
    expect(c.name).toBe('圭 能');
  });

  it.each([
    ['ISO-8859-1', '\xc5sa \xd6berg', 'Åsa Öberg'],
    ['windows-1252', '\x93Ann\x94 \x80', '“Ann” €'],
    ['us-ascii', 'Plain Name', 'Plain Name'],
    ['UTF-8', '\xc3\x85sa', 'Åsa'],
  ])('decodes CHARSET=%s', (charset, raw, expected) => {
    expect(card(['VERSION:2.1', `FN;CHARSET=${charset}:${raw}`], bytes).name).toBe(expected);
  });

  it('decodes 8-bit values without CHARSET as UTF-8 when valid, else windows-1252', () => {
    expect(card(['VERSION:3.0', 'FN:\xc3\x85sa \xc3\x96berg'], bytes).name).toBe('Åsa Öberg');
    expect(card(['VERSION:3.0', 'FN:\xc5sa \x93x\x94'], bytes).name).toBe('Åsa “x”');
  });

  it('decodes each value on its own, so one file can mix charsets', () => {
    const c = card(['VERSION:2.1', 'N;CHARSET=ISO-8859-1:\xd6berg;\xc5sa', 'ORG:M\xc3\xbcller AG', 'FN:'], bytes);
    expect(c.name).toBe('Åsa Öberg');
  });

  it('reads a chunk built by hand from Unicode text', () => {
    const c = parseVcardChunk({ line: 7, endLine: 9, text: 'BEGIN:VCARD\nFN:Zoë 山田\nEND:VCARD' });
    expect(c).toEqual({ line: 7, uid: null, name: 'Zoë 山田', phones: [] });
  });
});

describe('parseVcardChunk: folding', () => {
  it('unfolds 3.0 lines folded with a space or a tab, dropping that one char', () => {
    const c = card(['VERSION:3.0', 'FN:Alexan', ' dra Lon', '\tg', 'TE', ' L;TYPE=HOME:+44 20', '  7946 0000']);
    expect(c.name).toBe('Alexandra Long');
    expect(phones(c)).toEqual([['+44 20 7946 0000', 'Home']]);
  });

  it('keeps the whitespace of a 2.1 fold, which happens at a space', () => {
    expect(card(['VERSION:2.1', 'N:Long;Alexandra', ' Maria']).name).toBe('Alexandra Maria Long');
    expect(card(['VERSION:2.1', 'FN:Alexandra', ' Maria Long']).name).toBe('Alexandra Maria Long');
  });

  it('finds the value colon after a parameter folded inside quotes', () => {
    const c = card(['VERSION:4.0', 'FN:Ann', 'TEL;TYPE=work;LABEL="Main', ' Street 1":tel:+1-555-0100']);
    expect(phones(c)).toEqual([['tel:+1-555-0100', 'Work']]);
  });
});

describe('parseVcardChunk: parameters and labels', () => {
  it('reads 2.1 bare types, TYPE= lists, repeated type= and quoted lists', () => {
    const c = card([
      'VERSION:3.0',
      'TEL;CELL;PREF:1',
      'TEL;TYPE=work,voice:2',
      'TEL;type=HOME;type=FAX:3',
      'TEL;TYPE="pager,pref":4',
      'TEL;TYPE=MAIN:5',
      'TEL;TYPE=iPhone:6',
      'TEL;TYPE=other:7',
      'TEL;TYPE=X-CUSTOM,VOICE:8',
      'TEL;PREF=1;TYPE=fax:9',
      'TEL:10',
    ]);
    expect(phones(c)).toEqual([
      ['1', 'Mobile'],
      ['2', 'Work'],
      ['3', 'Home Fax'],
      ['4', 'Pager'],
      ['5', 'Main'],
      ['6', 'iPhone'],
      ['7', 'Other'],
      ['8', ''],
      ['9', 'Fax'],
      ['10', ''],
    ]);
  });

  it('takes item labels over types, case-insensitively, and strips Apple’s wrapper', () => {
    const c = card([
      'VERSION:3.0',
      'ITEM1.TEL;type=HOME:1',
      'item1.X-ABLabel:_$!<Mobile>!$_',
      'item2.X-ABLABEL:Boat',
      'Item2.tel:2',
      'item3.TEL;TYPE=WORK:3',
      'item4.TEL:4',
      'item4.X-ABLabel:',
      'item5.TEL:5',
      'item5.X-ABLabel:Caf\\, bar',
    ]);
    expect(phones(c)).toEqual([
      ['1', 'Mobile'],
      ['2', 'Boat'],
      ['3', 'Work'],
      ['4', ''],
      ['5', 'Caf, bar'],
    ]);
  });

  it('reads RFC 6868 caret escapes in parameters without breaking the value', () => {
    const c = card(['VERSION:4.0', "TEL;TYPE=cell;X-NOTE=say ^'hi^'^nbye:+1 555 0100"]);
    expect(phones(c)).toEqual([['+1 555 0100', 'Mobile']]);
  });
});

describe('parseVcardChunk: values', () => {
  it('unescapes \\, \\; \\n and \\\\ in text', () => {
    expect(card(['VERSION:3.0', 'FN:Doe\\, John\\; Jr\\nthe 2nd \\\\o/']).name).toBe('Doe, John; Jr the 2nd \\o/');
  });

  it('keeps tel: URIs and their extensions as written, and skips sip: and empty values', () => {
    const c = card([
      'VERSION:4.0',
      'TEL;VALUE=uri;TYPE=work:tel:+1-555-555-5555;ext=5555',
      'TEL;TYPE=home:sip:ann@example.com',
      'TEL:SIPS:ann@example.com',
      'TEL:  ',
      'TEL;VALUE=uri:tel:+44-20-7946-0000',
    ]);
    expect(phones(c)).toEqual([
      ['tel:+1-555-555-5555;ext=5555', 'Work'],
      ['tel:+44-20-7946-0000', ''],
    ]);
  });

  it('trims the UID and keeps a urn:uuid: prefix', () => {
    expect(card(['VERSION:4.0', 'FN:Ann', 'UID: urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6 ']).uid).toBe(
      'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
    );
    expect(card(['VERSION:4.0', 'FN:Ann', 'UID:']).uid).toBeNull();
  });
});

describe('parseVcardChunk: display name', () => {
  it('prefers FN, then N, then ORG, then the first email', () => {
    expect(card(['FN:Ann', 'N:Lee;Bo', 'ORG:Acme', 'EMAIL:x@example.com']).name).toBe('Ann');
    expect(card(['FN: ', 'N:Lee;Bo;;Dr.;PhD', 'ORG:Acme']).name).toBe('Dr. Bo Lee PhD');
    expect(card(['N:;;;;', 'ORG:;Sales\\; East;Desk', 'EMAIL:x@example.com']).name).toBe('Sales; East');
    expect(card(['ORG:Acme\\, Inc.;Sales']).name).toBe('Acme, Inc.');
    expect(card(['EMAIL;TYPE=INTERNET:x@example.com', 'EMAIL:y@example.com']).name).toBe('x@example.com');
    expect(card(['TEL:1']).name).toBe('');
  });

  it('composes N as Prefix Given Additional Family Suffix', () => {
    expect(composeName('Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P.', false)).toBe(
      'Dr. John Philip Paul Stevenson Jr. M.D. A.C.P.',
    );
    expect(composeName('Doe;John;Richter\\, James;Mr.;Sr.', false)).toBe('Mr. John Richter, James Doe Sr.');
    // 2.1 has no value lists: a comma is a comma.
    expect(composeName('Doe;John;Richter,James', true)).toBe('John Richter,James Doe');
    expect(composeName('Public', false)).toBe('Public');
  });
});

describe('parseVcardChunk: errors', () => {
  it('throws a RecordError with the card’s line for text that is not a card', () => {
    const read = (): ParsedContact => parseVcardChunk({ line: 12, endLine: 13, text: 'FN:Ann\nEND:VCARD' });
    expect(read).toThrow(RecordError);
    expect(read).toThrow('This card does not start with BEGIN:VCARD.');
    try {
      read();
    } catch (err) {
      expect((err as RecordError).line).toBe(12);
    }
  });

  it('reads what it can of a card that has no END:VCARD', () => {
    const c = parseVcardChunk({ line: 3, endLine: 5, text: 'BEGIN:VCARD\r\nFN:Ann\r\nTEL:1' });
    expect(c).toEqual({ line: 3, uid: null, name: 'Ann', phones: [{ raw: '1', label: '' }] });
  });
});

/** The RecordError a card is skipped with: its line and message. */
function skipped(lines: string[], line = 1): { line: number; message: string } {
  const { cards } = splitVcards(utf8(['BEGIN:VCARD', ...lines, 'END:VCARD'].join('\r\n')), 't.vcf');
  try {
    parseVcardChunk({ ...cards[0]!, line });
  } catch (err) {
    if (err instanceof RecordError) return { line: err.line, message: err.message };
    throw err;
  }
  throw new Error('the card was read');
}

describe('parseVcardChunk: cards with nothing usable', () => {
  it('skips a card with neither a name nor a number, saying so on its line', () => {
    expect(skipped(['VERSION:3.0'], 12)).toEqual({ line: 12, message: NOTHING_USABLE_CARD });
    expect(skipped(['VERSION:3.0', 'FN:', 'N:;;;;', 'ORG:;', 'NOTE:call me', 'TEL: '])).toEqual({
      line: 1,
      message: NOTHING_USABLE_CARD,
    });
  });

  it('takes a name of punctuation alone for no name', () => {
    expect(skipped(['VERSION:3.0', 'FN:.', 'N:-;;;;', 'NICKNAME:"', 'ORG:--'])).toEqual({
      line: 1,
      message: NOTHING_USABLE_CARD,
    });
    expect(card(['VERSION:3.0', 'FN:--', 'N:Lee;Ann;;;']).name).toBe('Ann Lee');
  });

  it('keeps a card with a number and no name (shown by its number), and one with a name and no number', () => {
    expect(card(['VERSION:3.0', 'FN:?', 'TEL:+44 20 7946 0000'])).toEqual({
      line: 1,
      uid: null,
      name: '',
      phones: [{ raw: '+44 20 7946 0000', label: '' }],
    });
    expect(card(['VERSION:3.0', 'FN:Ann Lee'])).toEqual({ line: 1, uid: null, name: 'Ann Lee', phones: [] });
  });

  it('keeps digits and pictographs as names, and falls back to NICKNAME before ORG', () => {
    expect(card(['VERSION:3.0', 'FN:❤️']).name).toBe('❤️');
    expect(card(['VERSION:3.0', 'FN:112']).name).toBe('112');
    expect(card(['VERSION:3.0', 'NICKNAME:Bobby,Rob', 'ORG:Acme']).name).toBe('Bobby');
    expect(card(['VERSION:2.1', 'NICKNAME:Bobby,Rob', 'ORG:Acme']).name).toBe('Bobby,Rob');
  });
});

describe('parseVcardChunk: names that do not decode', () => {
  it('never turns a cut quoted-printable name into mojibake (=E2=9 as â=9), and reports it', () => {
    const c = card(['VERSION:2.1', 'FN;ENCODING=QUOTED-PRINTABLE:=E2=9', 'TEL;CELL:+44 7400 123456']);
    expect(c.name).toBe('=E2=9');
    expect(c.issues).toEqual([
      { line: 3, message: 'The name could not be decoded; what could not be decoded was kept as written: “=E2=9”.' },
    ]);
    const declared = card(['VERSION:2.1', 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E2=9', 'TEL;CELL:1'], bytes);
    expect(declared.name).toBe('=E2=9');
    expect(declared.issues).toEqual([
      {
        line: 3,
        message: 'The name could not be decoded as UTF-8; what could not be decoded was kept as written: “=E2=9”.',
      },
    ]);
  });

  it('keeps an escape that is not hex as written, decodes the rest, and reports it', () => {
    const c = card(['VERSION:2.1', 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg=G1', 'TEL;CELL:1']);
    expect(c.name).toBe('Jörg=G1');
    expect(c.issues).toEqual([
      { line: 3, message: 'The name holds a broken quoted-printable escape, which was kept as written: “Jörg=G1”.' },
    ]);
  });

  it('reads a soft break at the end of the card as the end of the name', () => {
    const c = card(['VERSION:2.1', 'TEL;CELL:1', 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg='], bytes);
    expect(c).toEqual({ line: 1, uid: null, name: 'Jörg', phones: [{ raw: '1', label: 'Mobile' }] });
  });

  it('reads a name whose CHARSET does not fit in the encoding that does, and names both', () => {
    const c = card(['VERSION:2.1', 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=FCller', 'TEL;CELL:1']);
    expect(c.name).toBe('Müller');
    expect(c.issues).toEqual([
      { line: 3, message: 'The name could not be decoded as UTF-8, so it was read as windows-1252: “Müller”.' },
    ]);
    const raw = card(['VERSION:2.1', 'N;CHARSET=ISO-8859-2:\xc5\x81ukasz;Anna', 'TEL;CELL:1'], bytes);
    expect(raw.name).toBe('Anna Łukasz');
    expect(raw.issues).toEqual([
      { line: 3, message: 'The name could not be decoded as ISO-8859-2, so it was read as UTF-8: “Anna Łukasz”.' },
    ]);
  });

  it('prefers a name that decodes cleanly to one that does not, and then reports nothing', () => {
    const c = card(['VERSION:2.1', 'FN;ENCODING=QUOTED-PRINTABLE:=E2=9', 'N:Lee;Ann', 'TEL;CELL:1']);
    expect(c).toEqual({ line: 1, uid: null, name: 'Ann Lee', phones: [{ raw: '1', label: 'Mobile' }] });
  });

  it('skips a card whose only name does not decode and which has no number', () => {
    expect(skipped(['VERSION:2.1', 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E2=9'], 4)).toEqual({
      line: 4,
      message: UNDECODABLE_NAME_AND_NO_NUMBER,
    });
  });
});
