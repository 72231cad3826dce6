import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeCsv, NO_HEADER, parseCsvContacts } from './index.ts';

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../../../fixtures/corpus/thunderbird/${name}`, import.meta.url));
}

function read(name: string) {
  return parseCsvContacts(fixture(name), name);
}

describe('Thunderbird corpus CSV files', () => {
  it('csv_semicolon.csv: semicolon-delimited, display names', () => {
    const result = read('csv_semicolon.csv');
    expect(result.errors).toEqual([]);
    expect(result.rows).toBe(2);
    expect(result.contacts).toEqual([
      { line: 2, uid: null, name: 'John Doe', phones: [] },
      { line: 3, uid: null, name: 'Jane Doe', phones: [] },
    ]);
  });

  it('export.csv: quoted fields with "" escapes, TAB, bare CR and LF inside fields', () => {
    const result = read('export.csv');
    expect(result.errors).toEqual([]);
    expect(result.rows).toBe(2);
    expect(result.contacts).toEqual([
      { line: 2, uid: null, name: 'contact number one', phones: [] },
      { line: 3, uid: null, name: 'contact number two', phones: [] },
    ]);
  });

  it('quote.csv: every field quoted, name from Display Name, phone from Work Phone', () => {
    const result = read('quote.csv');
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([
      { line: 2, uid: null, name: 'Acer America', phones: [{ raw: '(800) 000-0000', label: 'Work' }] },
    ]);
  });

  it('shiftjis_addressbook.csv: Shift_JIS without a charset marker decodes to Japanese', () => {
    const result = read('shiftjis_addressbook.csv');
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([{ line: 2, uid: null, name: '名無しの権兵衛', phones: [] }]);
  });

  it('utf16_addressbook.csv: UTF-16LE with BOM', () => {
    const result = read('utf16_addressbook.csv');
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([{ line: 2, uid: null, name: 'John Doe', phones: [] }]);
  });

  it('csv_no_header.csv: refused with one error on line 1, nothing imported', () => {
    const result = read('csv_no_header.csv');
    expect(result.contacts).toEqual([]);
    expect(result.rows).toBe(0);
    expect(result.errors).toEqual([{ file: 'csv_no_header.csv', line: 1, message: NO_HEADER }]);
  });

  it('tab_comma_mixed.csv: no header, and the message says the delimiters disagree', () => {
    const result = read('tab_comma_mixed.csv');
    expect(result.contacts).toEqual([]);
    expect(result.errors).toEqual([
      {
        file: 'tab_comma_mixed.csv',
        line: 1,
        message: `${NO_HEADER} The first line is comma-separated but later lines are tab-separated.`,
      },
    ]);
  });

  it('every corpus CSV looks like CSV and no corpus vCard does', () => {
    for (const name of [
      'csv_no_header.csv',
      'csv_semicolon.csv',
      'export.csv',
      'quote.csv',
      'shiftjis_addressbook.csv',
      'tab_comma_mixed.csv',
      'utf16_addressbook.csv',
    ]) {
      expect(looksLikeCsv(fixture(name)), name).toBe(true);
    }
    for (const name of [
      'dos_vcard_addressbook.vcf',
      'emptylines_vcard_addressbook.vcf',
      'export.vcf',
      'v3-binary-jpeg.vcf',
    ]) {
      expect(looksLikeCsv(fixture(name)), name).toBe(false);
    }
  });
});
