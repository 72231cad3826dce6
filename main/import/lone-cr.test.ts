import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listContacts } from '../store/contacts.ts';
import { openStore } from '../store/open.ts';
import { readVcards, type VcardRead } from '../testing/read-vcards.ts';
import { tempDir } from '../testing/tmp.ts';
import { parseCsvContacts } from './csv/index.ts';
import { importFile } from './importer.ts';
import { LONE_CR_AS_LINE_END, LONE_CR_AS_SPACE } from './lone-cr.ts';
import { t } from '../../i18n/index.ts';
import type { ImportIssue, ParsedContact } from './types.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus');

/** A fixture as a string of bytes (latin1), so that a CR can be put anywhere without touching the rest. */
const fixture = (path: string): string => readFileSync(join(CORPUS, path)).toString('latin1');
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** The fixtures' PHOTO links and cut-off photos are reported as such (photo-corpus.test.ts); these tests are about line breaks. */
const PHOTO_NOTES = new Set([t('avatars.photo.link'), t('avatars.photo.damaged')]);
const notPhotoLink = (issue: ImportIssue): boolean => !PHOTO_NOTES.has(issue.message);

function readVcard(text: string, file = 'f.vcf'): VcardRead {
  const read = readVcards(bytes(text), file);
  read.issues = read.issues.filter(notPhotoLink);
  read.issues.sort(byPlace);
  return read;
}

function byPlace(a: ImportIssue, b: ImportIssue): number {
  return a.line - b.line || a.message.localeCompare(b.message);
}

/** `text` with the line break that ends 1-based line `line` (LF or CRLF) replaced by a lone CR. */
function crAtEndOf(text: string, line: number): string {
  let at = -1;
  for (let n = 0; n < line; n++) at = text.indexOf('\n', at + 1);
  const from = text[at - 1] === '\r' ? at - 1 : at;
  return text.slice(0, from) + '\r' + text.slice(at + 1);
}

/** `text` with a CR put just before the first occurrence of `before` (which must be there). */
function crBefore(text: string, before: string): string {
  const at = text.indexOf(before);
  expect(at).toBeGreaterThan(-1);
  return text.slice(0, at) + '\r' + text.slice(at);
}

const notice = (line: number, message: string, file = 'f.vcf'): ImportIssue => ({ file, line, message });
const names = (contacts: ParsedContact[]): string[] => contacts.map((c) => c.name);

function vcfFixtures(dir = CORPUS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return vcfFixtures(path);
    return name.endsWith('.vcf') ? [relative(CORPUS, path)] : [];
  });
}

/** Fixtures whose every line ends the same way (CRLF or LF), with no CR anywhere else. */
const UNIFORM = vcfFixtures().filter((file) => {
  const text = fixture(file);
  const crs = text.split('\r').length - 1;
  const crlfs = text.split('\r\n').length - 1;
  return crs === 0 || crs === crlfs;
});

/** Where a line can start after a lone CR: a property or marker, a folded line, or after a quoted-printable '='. */
const NEXT_STARTS_LINE = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*[:;]|[ \t])/;

describe('a lone CR in a vCard file whose other lines end in CRLF or LF', () => {
  it('has uniform fixtures to damage, with CRLF and LF among them', () => {
    expect(UNIFORM.length).toBeGreaterThanOrEqual(30);
    expect(UNIFORM.some((f) => fixture(f).includes('\r\n'))).toBe(true);
    expect(UNIFORM.some((f) => !fixture(f).includes('\r'))).toBe(true);
  });

  it.each(UNIFORM)('%s: any line break turned into a lone CR reads the same, with the repair on its line', (file) => {
    const text = fixture(file);
    const clean = readVcard(text);
    const lines = text.split(/\r?\n/);
    let damaged = 0;
    for (let line = 1; line < lines.length - 1; line++) {
      const here = lines[line - 1]!;
      const next = lines[line]!;
      // Before an empty line the CR would make CR CR LF, which is one line break (iOS writes it).
      if (next === '' || (!NEXT_STARTS_LINE.test(next) && !here.endsWith('='))) continue;
      const read = readVcard(crAtEndOf(text, line));
      expect(read.contacts, `line ${line}`).toEqual(clean.contacts);
      const expected = [...clean.issues, notice(line, LONE_CR_AS_LINE_END)].sort(byPlace);
      expect(read.issues, `line ${line}`).toEqual(expected);
      damaged++;
    }
    expect(damaged).toBeGreaterThan(0);
  });

  it('reads a card whose BEGIN:VCARD ends in a lone CR (it used to lose the whole file)', () => {
    const text = fixture('node-vcf/multiple.vcf');
    for (const damaged of [
      crAtEndOf(text, 30),
      text.replace('END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0', 'END:VCARD\r\nBEGIN:VCARD\r\rVERSION:3.0'),
    ]) {
      const { contacts, issues } = readVcard(damaged);
      expect(names(contacts)).toEqual(['Dr. Erika Mustermann', 'Dr. Erika Mustermann', 'Dr. Erika Mustermann']);
      expect(contacts[2]?.phones.map((p) => p.raw)).toEqual(['+49 221 9999123', '+49 221 1234567']);
      expect(issues).toEqual([notice(30, LONE_CR_AS_LINE_END)]);
    }
  });

  it('keeps the name of a card whose VERSION:3.0 ends in a lone CR (it used to come out with no name)', () => {
    const { contacts, issues } = readVcard(crAtEndOf(fixture('aosp-vcard/v30_comma_separated.vcf'), 2));
    expect(contacts).toEqual([{ line: 1, uid: null, name: 'G M F', phones: [{ raw: '1', label: '' }] }]);
    expect(issues).toEqual([notice(2, LONE_CR_AS_LINE_END)]);
  });

  it('reads a lone CR in the middle of a value as a space', () => {
    const { contacts, issues } = readVcard(crBefore(fixture('node-vcf/multiple.vcf'), '4567\r\nADR;TYPE=HOME'));
    expect(contacts[2]?.phones.map((p) => p.raw)).toEqual(['+49 221 9999123', '+49 221 123 4567']);
    expect(names(contacts)).toEqual(['Dr. Erika Mustermann', 'Dr. Erika Mustermann', 'Dr. Erika Mustermann']);
    expect(issues).toEqual([notice(39, LONE_CR_AS_SPACE)]);
  });

  it('keeps a folded line whole: a lone CR as the fold, and one inside the continuation', () => {
    const text = fixture('node-vcf/multiple.vcf');
    const clean = readVcard(text).contacts;
    // Line 11 is folded onto line 12 (" :;;Heidestraße 17;Köln;…").
    const asFold = readVcard(crAtEndOf(text, 11));
    expect(asFold.contacts).toEqual(clean);
    expect(asFold.issues).toEqual([notice(11, LONE_CR_AS_LINE_END)]);
    const inside = readVcard(crBefore(text, 'Germany\r\nEMAIL:erika'));
    expect(inside.contacts).toEqual(clean);
    expect(inside.issues).toEqual([notice(12, LONE_CR_AS_SPACE)]);
  });

  it('keeps quoted-printable values whole: a lone CR as the soft break, and one between encoded bytes', () => {
    const text = fixture('ez-vcard/John_Doe_ANDROID.vcf');
    const clean = readVcard(text).contacts;
    expect(clean[3]?.name).toBe('Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ');
    // Line 22 (FN) ends in a soft break '=' and goes on on line 23.
    const softBreak = readVcard(crAtEndOf(text, 22));
    expect(softBreak.contacts).toEqual(clean);
    expect(softBreak.issues).toEqual([notice(22, LONE_CR_AS_LINE_END)]);
    // Line 14: FN;…:=C3=91=20=C3=91=20=C3=91=20…
    const at = text.indexOf('=C3=91=20', text.indexOf('FN;CHARSET=UTF-8')) + '=C3=91=20'.length;
    const between = readVcard(text.slice(0, at) + '\r' + text.slice(at));
    expect(between.contacts).toEqual(clean);
    expect(between.issues).toEqual([notice(14, LONE_CR_AS_SPACE)]);
  });

  it('lists the first twenty repairs and counts the rest', () => {
    const text = fixture('ez-vcard/John_Doe_ANDROID.vcf');
    let damaged = text;
    // The first 40 lines, pasted in from a file with classic Mac OS line ends.
    for (let line = 1; line <= 40; line++) damaged = crAtEndOf(damaged, 1);
    const { contacts, issues } = readVcard(damaged);
    expect(contacts).toEqual(readVcard(text).contacts);
    expect(issues).toHaveLength(21);
    expect(issues.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => notice(i + 1, LONE_CR_AS_LINE_END)));
    expect(issues[20]).toEqual(
      notice(21, '20 more lone carriage returns, from this line on, were repaired the same way and are not listed.'),
    );
  });

  it('reports nothing for a file that breaks every line with a lone CR (classic Mac OS)', () => {
    const text = fixture('node-vcf/multiple.vcf').replaceAll('\r\n', '\r');
    const { contacts, issues } = readVcard(text);
    expect(contacts).toEqual(readVcard(fixture('node-vcf/multiple.vcf')).contacts);
    expect(issues).toEqual([]);
  });
});

describe('a lone CR in a CSV file whose other lines end in CRLF or LF', () => {
  const readCsv = (text: string) => parseCsvContacts(bytes(text), 'f.csv');
  const csvNotice = (line: number, message: string) => notice(line, message, 'f.csv');

  it('keeps a CR inside a quoted field as data, and says nothing', () => {
    const exported = readCsv(fixture('thunderbird/export.csv'));
    expect(exported.errors).toEqual([]);
    expect(names(exported.contacts)).toEqual(['contact number one', 'contact number two']);
    const phone = readCsv(fixture('thunderbird/quote.csv').replace('"(800) 000-0000"', '"(800) 000\r-0000"'));
    expect(phone.errors).toEqual([]);
    expect(phone.contacts).toEqual([
      { line: 2, uid: null, name: 'Acer America', phones: [{ raw: '(800) 000\r-0000', label: 'Work' }] },
    ]);
  });

  it('joins a row that a lone CR cut in an unquoted field, reading the CR as a space', () => {
    const semicolon = readCsv(fixture('thunderbird/csv_semicolon.csv').replace('John Doe;', 'John\rDoe;'));
    expect(names(semicolon.contacts)).toEqual(['John Doe', 'Jane Doe']);
    expect(semicolon.contacts.map((c) => c.line)).toEqual([2, 4]);
    expect(semicolon.errors).toEqual([csvNotice(2, LONE_CR_AS_SPACE)]);

    const exported = readCsv(fixture('thunderbird/export.csv').replace('contact number one', 'contact number\rone'));
    expect(names(exported.contacts)).toEqual(['contact number one', 'contact number two']);
    expect(exported.errors).toEqual([csvNotice(2, LONE_CR_AS_SPACE)]);
  });

  it('reads a lone CR between two rows as a line end', () => {
    const text = fixture('thunderbird/csv_semicolon.csv').replace('john@doe.invalid\n', 'john@doe.invalid\r');
    const { contacts, errors } = readCsv(text);
    expect(contacts.map((c) => [c.line, c.name])).toEqual([
      [2, 'John Doe'],
      [3, 'Jane Doe'],
    ]);
    expect(errors).toEqual([csvNotice(2, LONE_CR_AS_LINE_END)]);
  });
});

describe('importing a file with a lone CR', () => {
  it('stores the right contacts and counts the repair in the report', async () => {
    const dir = tempDir();
    const path = join(dir, 'damaged.vcf');
    writeFileSync(path, bytes(crBefore(fixture('node-vcf/multiple.vcf'), '4567\r\nADR;TYPE=HOME')));
    const db = openStore(join(dir, 'kith.db'));
    try {
      const report = await importFile(db, path, { region: 'DE' });
      expect(report).toMatchObject({ recordsRead: 3, contacts: 3 });
      expect(report.errors.filter(notPhotoLink)).toEqual([notice(39, LONE_CR_AS_SPACE, path)]);
      const third = listContacts(db).find((c) => c.line === 30);
      expect(third?.phones.map((p) => [p.raw, p.e164])).toEqual([
        ['+49 221 9999123', '+492219999123'],
        ['+49 221 123 4567', '+492211234567'],
      ]);
    } finally {
      db.close();
    }
  });
});
