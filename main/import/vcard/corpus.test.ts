import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NOTHING_USABLE_CARD, UNDECODABLE_NAME_AND_NO_NUMBER } from '../name-text.ts';
import type { ParsedContact } from '../types.ts';
import { readVcards, type VcardRead } from '../../testing/read-vcards.ts';
import { looksLikeVcard, splitVcards } from './index.ts';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));

function vcfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return vcfFiles(path);
    return name.endsWith('.vcf') ? [relative(CORPUS, path)] : [];
  });
}

/** What an importer does: split, then read every card on its own, reporting the cards that fail. */
function read(file: string): VcardRead {
  return readVcards(readFileSync(join(CORPUS, file)), file);
}

const notAboutPhoto = (issue: { message: string }): boolean => !issue.message.startsWith('The PHOTO ');

const FILES_WITH_ISSUES = new Set([
  'kith/broken-names.vcf',
  'aosp-vcard/v21_invalid_comment_line.vcf',
  'aosp-vcard/v21_malformed_photo.vcf',
  'thunderbird/export.vcf',
]);

/** Files whose one card has neither a name nor a phone number: it is reported and skipped (tested below). */
const FILES_WITH_NOTHING_USABLE = new Set(['aosp-vcard/v21_android_custom_prop.vcf', 'ical.js/vcard_grouped.vcf']);

const phones = (c: ParsedContact | undefined): [string, string][] => (c?.phones ?? []).map((p) => [p.raw, p.label]);

describe('the fixture corpus', () => {
  const files = vcfFiles(CORPUS);

  it('has the vCard files it is documented to have', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s is recognised, split and read without any unexpected exception', (file) => {
    expect(looksLikeVcard(readFileSync(join(CORPUS, file)))).toBe(true);
    const { contacts, issues } = read(file);
    if (FILES_WITH_NOTHING_USABLE.has(file)) {
      expect(contacts).toEqual([]);
      expect(issues).toEqual([{ file, line: 1, message: NOTHING_USABLE_CARD }]);
      return;
    }
    expect(contacts.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.file).toBe(file);
      expect(issue.line).toBeGreaterThanOrEqual(1);
    }
    // Only four files of the corpus hold broken lines (tested below); everything else, odd as it is, reads cleanly.
    // What is said of photos (links, damaged images) is tested in photo-corpus.test.ts.
    if (!FILES_WITH_ISSUES.has(file)) expect(issues.filter(notAboutPhoto)).toEqual([]);
  });

  it('reads the 2.1 kitchen-sink card: bare TEL types, QP soft breaks, an empty photo', () => {
    const { contacts, issues } = read('aosp-vcard/v21_complicated.vcf');
    expect(issues).toEqual([]);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ line: 1, uid: null, name: 'Joe Due' });
    expect(phones(contacts[0])).toEqual([
      ['(111) 555-1212', 'Work'],
      ['(404) 555-1212', 'Home'],
      ['0311111111', 'Mobile'],
      ['0322222222', ''],
      ['0333333333', ''],
    ]);
  });

  it('takes iPhone item labels and type labels, with CR CR LF line ends counted as one line', () => {
    const { contacts, issues } = read('ez-vcard/John_Doe_IPHONE.vcf');
    expect(issues).toEqual([]);
    expect(contacts[0]?.name).toBe('Mr. John Richter James Doe Sr.');
    expect(phones(contacts[0])).toEqual([
      ['905-555-1234', 'Mobile'],
      ['905-666-1234', 'Home'],
      ['905-777-1234', 'Work'],
      ['905-888-1234', 'Home Fax'],
      ['905-999-1234', 'Work Fax'],
      ['905-111-1234', 'Pager'],
      ['905-222-1234', 'AssistantPhone'],
    ]);
    const { cards } = splitVcards(readFileSync(join(CORPUS, 'ez-vcard/John_Doe_IPHONE.vcf')), 'x');
    expect(cards.map((c) => [c.line, c.endLine])).toEqual([[1, 612]]);
  });

  it('keeps Google custom labels and the MAIN type', () => {
    const { contacts } = read('ez-vcard/gmail-single2.vcf');
    expect(contacts[0]?.name).toBe('VCard Test');
    expect(phones(contacts[0])).toEqual([
      ['5555551111', ''],
      ['5555551112', 'Home'],
      ['5555551113', 'Work'],
      ['5555551114', ''],
      ['5555551115', 'Mobile'],
      ['5555551116', 'Main'],
      ['5555551117', 'Home Fax'],
      ['5555551118', 'Work Fax'],
      ['5555551119', 'GRAND_CENTRAL'],
      ['5555551120', 'Pager'],
      ['5555551121', 'CustomePhoneCategory'],
    ]);
  });

  it('decodes Shift_JIS names, including trail bytes that look like backslashes', () => {
    const one = read('aosp-vcard/v21_japanese_1.vcf').contacts[0];
    expect(one?.name).toBe('安藤ロイド');
    expect(phones(one)).toEqual([['0300000000', '']]);
    expect(read('aosp-vcard/v21_japanese_2.vcf').contacts[0]?.name).toBe('安藤 ロイド 1');
    expect(read('aosp-vcard/v21_japanese_3.vcf').contacts[0]?.name).toBe('伊能 圭一 伊予');
    const three = read('aosp-vcard/v21_multiple_entry.vcf').contacts;
    expect(three.map((c) => c.name)).toEqual(['安藤ロイド3', '安藤ロイド4', '安藤ロイド5']);
    expect(phones(three[0])).toContainEqual(['12', 'Home Fax']);
    expect(phones(three[1])).toContainEqual(['14', 'Pager']);
  });

  it('keeps a tel: URI and skips a sip: address given as TEL', () => {
    const { contacts } = read('aosp-vcard/v40_sip.vcf');
    expect(contacts[0]?.name).toBe('安藤 ロイド');
    expect(phones(contacts[0])).toEqual([['tel:1', 'Home']]);
  });

  it('reads a file mixing 4.0, 2.1 and 3.0 cards', () => {
    const { contacts, issues } = read('node-vcf/multiple.vcf');
    expect(issues.filter(notAboutPhoto)).toEqual([]);
    expect(contacts.map((c) => [c.line, c.name])).toEqual([
      [1, 'Dr. Erika Mustermann'],
      [16, 'Dr. Erika Mustermann'],
      [30, 'Dr. Erika Mustermann'],
    ]);
    expect(contacts.map(phones)).toEqual([
      [
        ['tel:+49-221-9999123', 'Work'],
        ['tel:+49-221-1234567', 'Home'],
      ],
      [
        ['(0221) 9999123', 'Work'],
        ['(0221) 1234567', 'Home'],
      ],
      [
        ['+49 221 9999123', 'Work'],
        ['+49 221 1234567', 'Home'],
      ],
    ]);
  });

  it('reads a file whose every line ends in CR CR LF', () => {
    const { contacts, issues } = read('thunderbird/dos_vcard_addressbook.vcf');
    expect(issues).toEqual([]);
    expect(contacts).toEqual([{ line: 1, uid: null, name: 'Name Surname', phones: [] }]);
  });

  it('makes nested cards their own contacts and keeps their phones out of the outer card', () => {
    const { contacts, issues } = read('aosp-vcard/v21_nest.vcf');
    expect(issues).toEqual([]);
    expect(contacts).toEqual([
      { line: 1, uid: null, name: 'parent', phones: [{ raw: '1', label: '' }] },
      { line: 4, uid: null, name: 'nest1', phones: [] },
      { line: 8, uid: null, name: 'nest2', phones: [] },
    ]);
  });

  it('reports a photo that is not base64 and still reads the card', () => {
    const { contacts, issues } = read('aosp-vcard/v21_malformed_photo.vcf');
    expect(issues).toEqual([
      {
        file: 'aosp-vcard/v21_malformed_photo.vcf',
        line: 5,
        message: 'The PHOTO data is not valid base64, so it was ignored.',
      },
    ]);
    expect(contacts).toEqual([{ line: 1, uid: null, name: 'fullname', phones: [] }]);
  });

  it('reads a lone CR inside a Thunderbird value as a space and says so', () => {
    const { contacts, issues } = read('thunderbird/export.vcf');
    expect(issues).toEqual([
      {
        file: 'thunderbird/export.vcf',
        line: 17,
        message: 'A lone carriage return inside a value was read as a space.',
      },
    ]);
    expect(contacts.map((c) => c.name)).toEqual(['contact number one', 'contact number two']);
  });

  it('unescapes \\; and \\, inside a TEL value', () => {
    const { contacts } = read('ical.js/escape_semicolon.vcf');
    expect(contacts[0]).toMatchObject({ uid: 'ad612c16-fe12-4ec5-abf6-49998ee5ab88', name: 'First Last NextCloud' });
    expect(phones(contacts[0])).toEqual([
      ['11111111', 'Home'],
      ['205333', 'Mobile'],
      ['205246;;,;', 'Work Fax'],
      ['222222', 'Work'],
    ]);
  });

  it('reads folded TEL values and quoted X- parameters (Evolution)', () => {
    const { contacts } = read('ez-vcard/John_Doe_EVOLUTION.vcf');
    expect(contacts[0]).toMatchObject({ uid: '477343c8e6bf375a9bac1f96a5000837' });
    expect(contacts[0]?.name).toBe('Mr. John Richter, James Doe Sr.');
    expect(phones(contacts[0])).toEqual([
      ['905-666-1234', 'Mobile'],
      ['905-555-1234', 'Work'],
    ]);
  });

  it('decodes UTF-8 quoted-printable names with soft line breaks (Android 2.1 export)', () => {
    const { contacts } = read('ez-vcard/John_Doe_ANDROID.vcf');
    expect(contacts.map((c) => c.name)).toEqual([
      'john.doe@company.com',
      'jane.doe@company.com',
      'Ñ Ñ Ñ Ñ Ñ',
      'Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ',
      'Ñ Ñ Ñ Ñ',
      'ÑÑÑÑ',
    ]);
    expect(phones(contacts[3])).toEqual([
      ['123456', 'Mobile'],
      ['234567', 'Home'],
      ['3456789', 'Mobile'],
      ['45678901', 'Home'],
    ]);
  });

  it('reports "#" comment lines inside a card and keeps the card', () => {
    const { contacts, issues } = read('aosp-vcard/v21_invalid_comment_line.vcf');
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [6, "This line has no ':', so it is not a property and was ignored."],
      [9, "This line has no ':', so it is not a property and was ignored."],
    ]);
    expect(contacts).toEqual([{ line: 1, uid: '357', name: 'Conference Call', phones: [] }]);
  });

  it('reads blank lines around cards and cards without any phone', () => {
    const { contacts, issues } = read('thunderbird/emptylines_vcard_addressbook.vcf');
    expect(issues).toEqual([]);
    expect(contacts.map((c) => [c.line, c.name, c.phones.length])).toEqual([
      [3, 'John Doe', 0],
      [11, 'Jane Doe', 0],
    ]);
  });

  it('falls back from FN to N, and takes VERSION from the end of the card', () => {
    expect(read('aosp-vcard/v21_x_param.vcf').contacts[0]).toEqual({
      line: 1,
      uid: null,
      name: 'Roid Ando',
      phones: [
        { raw: '1', label: '' },
        { raw: '2', label: '' },
      ],
    });
    expect(phones(read('node-vcf/vcard-2.1.vcf').contacts[0])).toEqual([
      ['(111) 555-1212', 'Work'],
      ['(404) 555-1212', 'Home'],
    ]);
  });

  it('keeps what it can of damaged names, skips cards with nothing usable, and says which and why', () => {
    const file = 'kith/broken-names.vcf';
    const { contacts, issues } = read(file);
    expect(contacts.map((c) => [c.line, c.name, c.phones.map((p) => p.raw)])).toEqual([
      [1, '=E2=9', ['+44 7400 100001']],
      [6, 'Jörg=G1', ['+44 7400 100002']],
      [11, 'Zoë Lee', ['+44 7400 100003']],
      [16, 'Müller', ['+44 20 7946 0004']],
      [21, 'Anna Łukasz', ['+44 20 7946 0005']],
      [35, '', ['+44 7400 100008']],
    ]);
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [3, 'The name could not be decoded; what could not be decoded was kept as written: “=E2=9”.'],
      [8, 'The name holds a broken quoted-printable escape, which was kept as written: “Jörg=G1”.'],
      [18, 'The name could not be decoded as UTF-8, so it was read as windows-1252: “Müller”.'],
      [23, 'The name could not be decoded as ISO-8859-2, so it was read as UTF-8: “Anna Łukasz”.'],
      [26, NOTHING_USABLE_CARD],
      [29, NOTHING_USABLE_CARD],
      [40, UNDECODABLE_NAME_AND_NO_NUMBER],
    ]);
  });

  it('reads a card with no VERSION line, and skips it for having neither a name nor a number', () => {
    expect(read('aosp-vcard/v21_android_custom_prop.vcf')).toEqual({
      contacts: [],
      issues: [{ file: 'aosp-vcard/v21_android_custom_prop.vcf', line: 1, message: NOTHING_USABLE_CARD }],
    });
  });

  it('reads Outlook 2.1 exports with empty base64 blocks', () => {
    const { contacts, issues } = read('ez-vcard/outlook-2007.vcf');
    expect(issues).toEqual([]);
    expect(contacts[0]?.name).toBe('Mr. Michael Angstadt Jr.');
    expect(phones(contacts[0])).toEqual([
      ['(111) 555-1111', 'Work'],
      ['(111) 555-2222', 'Home'],
      ['(111) 555-4444', 'Mobile'],
      ['(111) 555-3333', 'Work Fax'],
    ]);
  });

  it('reads pause and wait dial characters as they are', () => {
    expect(phones(read('aosp-vcard/v30_pause_wait.vcf').contacts[0])).toEqual([['p1234p5678w9', '']]);
  });

  it('reads a quoted TYPE value that holds a comma and a colon', () => {
    expect(read('aosp-vcard/v30_comma_separated.vcf').contacts[0]).toEqual({
      line: 1,
      uid: null,
      name: 'G M F',
      phones: [{ raw: '1', label: '' }],
    });
  });
});
