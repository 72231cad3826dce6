import { describe, expect, it } from 'vitest';
import { parseCsvContacts } from './index.ts';
import { MAX_RECORD_CHARS, readRecords } from './records.ts';

function parse(text: string) {
  return parseCsvContacts(new TextEncoder().encode(text), 'book.csv');
}

function summary(text: string) {
  const result = parse(text);
  return {
    contacts: result.contacts.map((c) => `${c.line}:${c.name}`),
    errors: result.errors.map((e) => `${e.line}:${e.message}`),
    rows: result.rows,
  };
}

describe('line numbers', () => {
  it('rows after quoted multi-line fields get the line they start on', () => {
    const text = [
      'Name,Phone,Notes',
      'Ann,111,"line one',
      'line two, with ""quotes""',
      'line three"',
      'Bob,222,plain',
      '"Cy',
      'Smith",333,',
      '',
      'Dee,444,x',
    ].join('\r\n');
    const result = parse(text);
    expect(result.errors).toEqual([]);
    expect(result.contacts.map((c) => [c.line, c.name, c.phones[0]?.raw])).toEqual([
      [2, 'Ann', '111'],
      [5, 'Bob', '222'],
      [6, 'Cy\r\nSmith', '333'],
      [9, 'Dee', '444'],
    ]);
  });

  it('counts LF, CRLF and bare CR line ends alike, inside and outside quotes', () => {
    const text = 'Name,Notes\rAnn,"a\rb\nc\r\nd"\nBob,x\r\nCy,y\r';
    expect(readRecords(text, ',').map((r) => r.line)).toEqual([1, 2, 6, 7]);
    expect(summary(text).contacts).toEqual(['2:Ann', '6:Bob', '7:Cy']);
  });

  it('keeps the exact text of multi-line fields', () => {
    const [, row] = readRecords('a,b\n"x\r\ny","he said ""hi"""\n', ',');
    expect(row).toEqual({ kind: 'record', line: 2, fields: ['x\r\ny', 'he said "hi"'] });
  });
});

describe('broken quoting', () => {
  it('an unclosed quote is reported on its line and the rows after it still import', () => {
    const text = 'Name,Phone\nAnn,111\n"Bob,222\nCy,333\nDee,444\n';
    expect(summary(text)).toEqual({
      contacts: ['2:Ann', '4:Cy', '5:Dee'],
      errors: [
        '3:A quoted field on this line is never closed, so the line was skipped and reading went on from the next.',
      ],
      rows: 4,
    });
  });

  it('an unclosed quote in a fully quoted file is caught on the next line and reported on its own', () => {
    const text = '"Name","Phone"\r\n"Ann","111"\r\n"Bob,"222"\r\n"Cy","333"\r\n';
    expect(summary(text)).toEqual({
      contacts: ['2:Ann', '4:Cy'],
      errors: ['3:This row has an unbalanced quote, so the line was skipped and reading went on from the next.'],
      rows: 3,
    });
  });

  it('several broken rows are each reported, and every good row imports', () => {
    const text = 'Name,Phone\n"A,1\nB,2\n"C,3\nD,4\nE,"5\n';
    const result = summary(text);
    expect(result.contacts).toEqual(['3:B', '5:D']);
    expect(result.errors.map((e) => e.split(':')[0])).toEqual(['2', '4', '6']);
  });

  it('quotes in the middle of an unquoted field are kept as text', () => {
    const text = 'Name,Phone\nBob "the" Builder,555\nJo"e,556\nAnn,557\n';
    expect(summary(text)).toEqual({
      contacts: ['2:Bob "the" Builder', '3:Jo"e', '4:Ann'],
      errors: [],
      rows: 3,
    });
  });

  it('a mid-field quote in a row whose other quote never closes is reported, not swallowed', () => {
    const text = 'Name,Phone\nBob "x",555,"unclosed\nAnn,557\n';
    expect(summary(text)).toEqual({
      contacts: ['3:Ann'],
      errors: ['2:This row has an unbalanced quote, so the line was skipped and reading went on from the next.'],
      rows: 2,
    });
  });

  it('unescaped quotes inside a quoted field are reported', () => {
    const text = 'Name,Phone\n"Bob "the" Builder",555\nAnn,557\n';
    expect(summary(text)).toEqual({
      contacts: ['3:Ann'],
      errors: ['2:This row has an unbalanced quote, so the line was skipped and reading went on from the next.'],
      rows: 2,
    });
  });

  it('a broken header is reported as a missing header', () => {
    const result = parse('"Name,Phone\nAnn,1\n');
    expect(result.contacts).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.line).toBe(1);
    expect(result.errors[0]?.message).toBe(
      'The first row could not be read as a header with a name or phone column, so the file was not read.',
    );
  });

  it('an unclosed quote before a large file costs one bounded record, not the rest of the file', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `Person ${i},+1 555 ${String(i).padStart(5, '0')}`);
    const text = ['Name,Phone', 'Ann,1', '"Broken,2', ...rows].join('\n');
    expect(text.length).toBeGreaterThan(MAX_RECORD_CHARS);
    const result = parse(text);
    expect(result.errors.map((e) => e.line)).toEqual([3]);
    expect(result.contacts).toHaveLength(30_001);
    expect(result.contacts.at(-1)).toEqual({
      line: 30_003,
      uid: null,
      name: 'Person 29999',
      phones: [{ raw: '+1 555 29999', label: '' }],
    });
  });
});
