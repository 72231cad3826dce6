import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTHING_USABLE_CARD } from '../name-text.ts';
import { RecordError } from '../types.ts';
import type { ImportIssue, ParsedContact } from '../types.ts';
import { parseVcardChunk, splitVcards } from './index.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(s: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const units = (bom ? '\uFEFF' : '') + s;
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[i * 2 + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[i * 2 + (order === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

function readAll(input: string | Uint8Array): { contacts: ParsedContact[]; errors: ImportIssue[] } {
  const { cards, errors } = splitVcards(typeof input === 'string' ? utf8(input) : input, 'test.vcf');
  const contacts: ParsedContact[] = [];
  for (const card of cards) {
    try {
      contacts.push(parseVcardChunk(card));
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      errors.push({ file: 'test.vcf', line: err.line, message: err.message });
    }
  }
  return { contacts, errors };
}

const messages = (errors: ImportIssue[]): [number, string][] => errors.map((e) => [e.line, e.message]);
const summary = (contacts: ParsedContact[]): [number, string, string[]][] =>
  contacts.map((c) => [c.line, c.name, c.phones.map((p) => p.raw)]);

const TWO_CARDS = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Ann Example',
  'TEL;TYPE=CELL:+1 555 0100',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Bo Example',
  'TEL;TYPE=HOME:+1 555 0101',
  'END:VCARD',
];
const TWO_CARDS_READ: [number, string, string[]][] = [
  [1, 'Ann Example', ['+1 555 0100']],
  [6, 'Bo Example', ['+1 555 0101']],
];

describe('splitVcards: line endings and encodings', () => {
  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR CR LF', '\r\r\n'],
    ['lone CR', '\r'],
  ])('reads %s line endings with the same line numbers', (_name, eol) => {
    const { contacts, errors } = readAll(TWO_CARDS.join(eol) + eol);
    expect(errors).toEqual([]);
    expect(summary(contacts)).toEqual(TWO_CARDS_READ);
  });

  it('reads a file without a final line break', () => {
    expect(summary(readAll(TWO_CARDS.join('\r\n')).contacts)).toEqual(TWO_CARDS_READ);
  });

  it('reads a lone CR inside a value of an LF file as a space, not a line break, and says so', () => {
    const { contacts, errors } = readAll('BEGIN:VCARD\nVERSION:4.0\nFN:Ann\rExample\nTEL:1\nEND:VCARD\n');
    expect(messages(errors)).toEqual([[3, 'A lone carriage return inside a value was read as a space.']]);
    expect(summary(contacts)).toEqual([[1, 'Ann Example', ['1']]]);
  });

  it('skips a UTF-8 BOM, also in front of a card in the middle of concatenated files', () => {
    const text = '\uFEFF' + TWO_CARDS.slice(0, 5).join('\r\n') + '\r\n\uFEFF' + TWO_CARDS.slice(5).join('\r\n');
    const { contacts, errors } = readAll(text);
    expect(errors).toEqual([]);
    expect(summary(contacts)).toEqual(TWO_CARDS_READ);
  });

  it.each([
    ['LE with BOM', 'le', true],
    ['LE without BOM', 'le', false],
    ['BE with BOM', 'be', true],
    ['BE without BOM', 'be', false],
  ] as const)('reads UTF-16 %s', (_name, order, bom) => {
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Zoë Ångström 山田', 'TEL;TYPE=WORK:+46 8 123 456', 'END:VCARD', ''];
    const bytes = utf16(text.join('\r\n'), order, bom);
    const { cards } = splitVcards(bytes, 'test.vcf');
    expect(cards.map((c) => c.binary)).toEqual([false]);
    const { contacts, errors } = readAll(bytes);
    expect(errors).toEqual([]);
    expect(contacts).toEqual([
      { line: 1, uid: null, name: 'Zoë Ångström 山田', phones: [{ raw: '+46 8 123 456', label: 'Work' }] },
    ]);
  });

  it('keeps 8-bit files as bytes so that each value can use its own charset', () => {
    const { cards } = splitVcards(utf8(TWO_CARDS.join('\n')), 'test.vcf');
    expect(cards.map((c) => c.binary)).toEqual([true, true]);
  });

  it('gives the same chunks for the same bytes, with the card text from BEGIN to END', () => {
    const bytes = utf8('\n\n' + TWO_CARDS.join('\r\n') + '\r\n\r\n');
    const first = splitVcards(bytes, 'test.vcf').cards;
    expect(splitVcards(bytes, 'test.vcf').cards).toEqual(first);
    expect(first.map((c) => [c.line, c.endLine, c.text])).toEqual([
      [3, 7, TWO_CARDS.slice(0, 5).join('\r\n')],
      [8, 12, TWO_CARDS.slice(5).join('\r\n')],
    ]);
  });
});

describe('splitVcards: layout', () => {
  it('ignores blank lines between and inside cards, keeping line numbers', () => {
    const text = ['', '  ', 'BEGIN:VCARD', '', 'VERSION:3.0', '\t', 'FN:Ann', '', 'TEL:1', 'END:VCARD', '', ''];
    const { contacts, errors } = readAll(text.join('\n'));
    expect(errors).toEqual([]);
    expect(summary(contacts)).toEqual([[3, 'Ann', ['1']]]);
  });

  it('takes indented markers as markers, so that a hand-indented card does not swallow its END', () => {
    const text = [
      '  BEGIN:VCARD',
      '  FN:Ann',
      '  TEL:1',
      '  END:VCARD',
      '\tBEGIN:VCARD',
      'FN:Bo',
      'TEL:2',
      ' END:VCARD',
    ];
    const { contacts, errors } = readAll(text.join('\n'));
    expect(summary(contacts)).toEqual([[5, 'Bo', ['2']]]);
    // Indented lines inside the card are continuations of nothing: reported, not guessed at. That leaves the first
    // card with nothing in it, and it is skipped.
    expect(messages(errors)).toEqual([
      [2, 'This indented line has no property to continue, so it was ignored.'],
      [3, 'This indented line has no property to continue, so it was ignored.'],
      [1, NOTHING_USABLE_CARD],
    ]);
  });

  it('reads many cards, lower-case markers and cards without a phone', () => {
    const cards = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? `begin:vcard\nfn:P${i}\ntel:${i}\nend:vcard` : `BEGIN:VCARD\nFN:P${i}\nEND:VCARD`,
    );
    const { contacts, errors } = readAll(cards.join('\n'));
    expect(errors).toEqual([]);
    expect(contacts).toHaveLength(50);
    expect(contacts[10]).toEqual({ line: 36, uid: null, name: 'P10', phones: [{ raw: '10', label: '' }] });
    expect(contacts[11]).toEqual({ line: 40, uid: null, name: 'P11', phones: [] });
  });

  it('reports text outside cards and a stray END:VCARD, and reads the cards', () => {
    const text = ['Hello there', 'more text', '', 'BEGIN:VCARD', 'FN:Ann', 'END:VCARD', 'END:VCARD', 'junk'];
    const { contacts, errors } = readAll(text.join('\n'));
    expect(summary(contacts)).toEqual([[4, 'Ann', []]]);
    expect(messages(errors)).toEqual([
      [1, 'This text is outside any card (BEGIN:VCARD … END:VCARD), so it was ignored.'],
      [7, 'This END:VCARD has no BEGIN:VCARD before it, so it was ignored.'],
      [8, 'This text is outside any card (BEGIN:VCARD … END:VCARD), so it was ignored.'],
    ]);
  });

  it('caps the reports for a file that is not vCard at all', () => {
    const text = Array.from({ length: 100 }, (_, i) => `paragraph ${i}\n`).join('\n');
    const { cards, errors } = splitVcards(utf8(text), 'notes.txt');
    expect(cards).toEqual([]);
    expect(errors).toHaveLength(20);
  });
});

describe('splitVcards: broken cards', () => {
  it('cuts a card without END:VCARD at the next BEGIN:VCARD and never gives its phones to a neighbour', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Ann',
      'TEL:111',
      '',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Bo',
      'TEL:222',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Cy',
      'TEL:333',
      'END:VCARD',
    ];
    const { contacts, errors } = readAll(text.join('\r\n') + '\r\n');
    expect(summary(contacts)).toEqual([
      [1, 'Ann', ['111']],
      [6, 'Bo', ['222']],
      [11, 'Cy', ['333']],
    ]);
    expect(messages(errors)).toEqual([
      [1, 'This card has no END:VCARD, so it was ended where the next card starts, on line 6.'],
    ]);
    const { cards } = splitVcards(utf8(text.join('\n')), 'test.vcf');
    expect(cards.map((c) => [c.line, c.endLine])).toEqual([
      [1, 4],
      [6, 10],
      [11, 15],
    ]);
  });

  it('reports lines after a nested card inside a card that never ends, without crediting them', () => {
    const text = ['BEGIN:VCARD', 'FN:Ann', 'BEGIN:VCARD', 'FN:Bo', 'END:VCARD', 'TEL:999', ''];
    const { contacts, errors } = readAll(text.join('\n'));
    expect(summary(contacts)).toEqual([
      [1, 'Ann', []],
      [3, 'Bo', []],
    ]);
    expect(messages(errors)).toEqual([
      [1, 'This card has no END:VCARD, so it was ended where the next card starts, on line 3.'],
      [6, 'This line was ignored: it follows a card nested inside the card on line 1, which has no END:VCARD.'],
    ]);
  });

  it('keeps a card cut by the end of the file', () => {
    const { contacts, errors } = readAll(TWO_CARDS.slice(0, 9).join('\n') + '\n');
    expect(summary(contacts)).toEqual(TWO_CARDS_READ);
    expect(messages(errors)).toEqual([[6, 'This card has no END:VCARD: the file ends inside it.']]);
  });

  it('drops the last line of a truncated file, which may hold half a phone number', () => {
    const { contacts, errors } = readAll(TWO_CARDS.slice(0, 9).join('\n').slice(0, -3));
    expect(summary(contacts)).toEqual([
      [1, 'Ann Example', ['+1 555 0100']],
      [6, 'Bo Example', []],
    ]);
    expect(messages(errors)).toEqual([
      [6, 'This card has no END:VCARD: the file ends inside it, and its last line may be cut off, so it was ignored.'],
    ]);
  });

  it('reports a line without a colon and keeps the rest of the card', () => {
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann', 'this is not a property', 'TEL:1', 'END:VCARD'];
    const { contacts, errors } = readAll(text.join('\n'));
    expect(summary(contacts)).toEqual([[1, 'Ann', ['1']]]);
    expect(messages(errors)).toEqual([[4, "This line has no ':', so it is not a property and was ignored."]]);
  });

  it('lists a few problems per card and counts the rest', () => {
    const garbage = Array.from({ length: 8 }, (_, i) => `garbage ${i}`);
    const { contacts, errors } = readAll(['BEGIN:VCARD', 'FN:Ann', ...garbage, 'TEL:1', 'END:VCARD'].join('\n'));
    expect(summary(contacts)).toEqual([[1, 'Ann', ['1']]]);
    expect(messages(errors)).toEqual([
      [3, "This line has no ':', so it is not a property and was ignored."],
      [4, "This line has no ':', so it is not a property and was ignored."],
      [5, "This line has no ':', so it is not a property and was ignored."],
      [6, "This line has no ':', so it is not a property and was ignored."],
      [7, "This line has no ':', so it is not a property and was ignored."],
      [7, '3 more problems in this card are not listed.'],
    ]);
  });

  it('reports a bad base64 photo (2.1 block and 3.0 folded) and keeps the phones', () => {
    const v21 = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'FN:Ann',
      'PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ',
      ' Sk!ZJRg',
      '',
      'TEL;CELL:1',
      'END:VCARD',
    ];
    const v30 = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Bo',
      'item1.PHOTO;ENCODING=b:/9j/4AAQSk',
      ' ZJRgABA:QAAAQ',
      'TEL:2',
      'END:VCARD',
    ];
    const good = ['BEGIN:VCARD', 'VERSION:2.1', 'FN:Cy', 'LOGO;BASE64:', ' iVBORw0KGgo=', '', 'TEL:3', 'END:VCARD'];
    const { contacts, errors } = readAll([...v21, ...v30, ...good].join('\r\n'));
    expect(summary(contacts)).toEqual([
      [1, 'Ann', ['1']],
      [9, 'Bo', ['2']],
      [16, 'Cy', ['3']],
    ]);
    expect(messages(errors)).toEqual([
      [4, 'The PHOTO data is not valid base64, so it was ignored.'],
      [12, 'The PHOTO data is not valid base64, so it was ignored.'],
    ]);
  });
});

describe('splitVcards: nested cards', () => {
  it('blanks a closed nested card out of the outer card, which keeps its own later lines', () => {
    const text = ['BEGIN:VCARD', 'FN:Outer', 'BEGIN:VCARD', 'FN:Inner', 'TEL:2', 'END:VCARD', 'TEL:1', 'END:VCARD'];
    const { cards, errors } = splitVcards(utf8(text.join('\n')), 'test.vcf');
    expect(errors).toEqual([]);
    expect(cards.map((c) => [c.line, c.endLine, c.text])).toEqual([
      [1, 8, 'BEGIN:VCARD\nFN:Outer\n\n\n\n\nTEL:1\nEND:VCARD'],
      [3, 6, 'BEGIN:VCARD\nFN:Inner\nTEL:2\nEND:VCARD'],
    ]);
    expect(summary(cards.map(parseVcardChunk))).toEqual([
      [1, 'Outer', ['1']],
      [3, 'Inner', ['2']],
    ]);
  });

  it('makes a 2.1 AGENT card its own contact and a 3.0 AGENT value nothing', () => {
    const v21 = ['BEGIN:VCARD', 'VERSION:2.1', 'FN:Boss', 'TEL;WORK:1', 'AGENT:', 'BEGIN:VCARD', 'VERSION:2.1'];
    v21.push('FN:Assistant', 'TEL;WORK:2', 'END:VCARD', 'END:VCARD');
    const v30 = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Chief', 'TEL:3'];
    v30.push('AGENT:BEGIN:VCARD\\nFN:Susan Thomas\\nTEL:+1-919-555-1234\\nEND:VCARD\\n', 'END:VCARD');
    const { contacts, errors } = readAll([...v21, ...v30].join('\r\n'));
    expect(errors).toEqual([]);
    expect(summary(contacts)).toEqual([
      [1, 'Boss', ['1']],
      [6, 'Assistant', ['2']],
      [12, 'Chief', ['3']],
    ]);
  });

  it('bounds nesting: with too many cards open, the outermost is taken as one without END', () => {
    const depth = 20;
    const text = [
      ...Array.from({ length: depth }, (_, i) => `BEGIN:VCARD\nFN:L${i}\nTEL:${i}`),
      ...Array.from({ length: depth }, () => 'END:VCARD'),
    ].join('\n');
    const { contacts, errors } = readAll(text);
    expect(contacts).toHaveLength(depth);
    for (const c of contacts) expect(c.phones.map((p) => p.raw)).toEqual([c.name.slice(1)]);
    expect(messages(errors)).toEqual([
      ...Array.from({ length: 4 }, (_, i): [number, string] => [
        i * 3 + 1,
        `This card has no END:VCARD, so it was ended where the next card starts, on line ${i * 3 + 4}.`,
      ]),
      ...Array.from({ length: 4 }, (_, i): [number, string] => [
        depth * 3 + 17 + i,
        'This END:VCARD has no BEGIN:VCARD before it, so it was ignored.',
      ]),
    ]);
  });

  it('reads every card of a file that has no END:VCARD at all', () => {
    const text = Array.from({ length: 100 }, (_, i) => `BEGIN:VCARD\nFN:P${i}\nTEL:${i}`).join('\n') + '\n';
    const { contacts, errors } = readAll(text);
    expect(contacts.map((c) => [c.name, c.phones[0]?.raw])).toEqual(
      Array.from({ length: 100 }, (_, i) => [`P${i}`, String(i)]),
    );
    expect(errors).toHaveLength(100);
  });
});

describe('splitVcards: robustness', () => {
  it('never throws, and the cards it returns only fail with RecordError', () => {
    const piece = fc.constantFrom(
      'BEGIN:VCARD',
      'END:VCARD',
      'begin:vcard',
      'VERSION:2.1',
      'FN:A',
      'TEL;CELL;PREF:1',
      'item1.TEL:2',
      'item1.X-ABLabel:_$!<Mobile>!$_',
      'N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=83=81=',
      'PHOTO;BASE64:',
      ' AAAA',
      '',
      '=0D=0A',
      '"',
      'TEL;TYPE="a:b',
      ' :x',
      '\\',
    );
    const noise = fc.oneof(fc.string({ maxLength: 12 }), piece, piece);
    const file = fc.tuple(fc.array(noise, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r', '\r\r\n'));
    fc.assert(
      fc.property(file, ([lines, eol]) => {
        const { cards, errors } = splitVcards(utf8(lines.join(eol)), 'f.vcf');
        for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(1);
        for (const card of cards) {
          try {
            parseVcardChunk(card);
          } catch (err) {
            expect(err).toBeInstanceOf(RecordError);
          }
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        for (const card of splitVcards(bytes, 'f.vcf').cards) {
          try {
            parseVcardChunk(card);
          } catch (err) {
            expect(err).toBeInstanceOf(RecordError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never credits a phone to another card, whatever ENDs are missing or garbage is added', () => {
    const card = fc.record({ dropEnd: fc.boolean(), garbage: fc.boolean(), phones: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(card, { minLength: 1, maxLength: 12 }), (specs) => {
        const lines: string[] = [];
        specs.forEach((spec, i) => {
          lines.push('BEGIN:VCARD', 'VERSION:3.0', `FN:P${i}`);
          for (let k = 0; k < spec.phones; k++) lines.push(`TEL:${i}-${k}`);
          if (spec.garbage) lines.push(`garbage ${i}`, '');
          if (!spec.dropEnd) lines.push('END:VCARD');
        });
        const { contacts } = readAll(lines.join('\r\n') + '\r\n');
        for (const c of contacts) {
          const id = c.name.slice(1);
          for (const p of c.phones) expect(p.raw.split('-')[0]).toBe(id);
        }
        // Every card is read once, with all its phones: a missing END loses no data of its own.
        expect(contacts.map((c) => c.name).sort()).toEqual(specs.map((_, i) => `P${i}`).sort());
        for (const c of contacts) expect(c.phones).toHaveLength(specs[Number(c.name.slice(1))]?.phones ?? -1);
      }),
      { numRuns: 300 },
    );
  });
});
