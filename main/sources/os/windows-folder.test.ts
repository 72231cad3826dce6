import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { t } from '../../../i18n/index.ts';
import { tempDir } from '../../testing/tmp.ts';
import { readBack } from './read-back.ts';
import { readWindowsContacts, windowsContactsFolder } from './windows-folder.ts';
import { contactText } from './windows-text.ts';

const FOLDER = fileURLToPath(new URL('../../../fixtures/windows-contacts/', import.meta.url));
const at = (name: string) => join(FOLDER, name);
const mtime = (name: string) => statSync(at(name)).mtime.toISOString();

describe('the Windows Contacts folder', () => {
  it('reads every contact file in the folder and its subfolders, reporting the broken ones by file', async () => {
    const { cards, issues } = await readWindowsContacts(FOLDER);
    expect(cards.map((c) => [c.uid, c.rev])).toEqual([
      [join('Family', 'Grandma.contact'), mtime('Family/Grandma.contact')],
      ['3f2a9c1e-7b4d-4e8a-a1c2-5d6e7f809a1b', mtime('Jane Doe.contact')],
      ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', mtime('Plumber.contact')],
      ['9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', mtime("Renée O'Brien-Łukasz.contact")],
      ['5b6c7d8e-9fa0-4b1c-8d2e-3f4a5b6c7d8e', mtime('山田 太郎.contact')],
    ]);
    expect(issues).toEqual([
      // Cut off inside the phone numbers, on line 6.
      {
        file: at('Cut Off.contact'),
        line: 6,
        message: expect.stringMatching(/^The contact file is not well-formed XML: /),
      },
      { file: at('Not A Contact.contact'), line: 1, message: t('osContacts.windows.notContact') },
    ]);
  });

  it('writes cards the importer reads: names, numbers and their labels', async () => {
    const { cards } = await readWindowsContacts(FOLDER);
    const read = Object.fromEntries(cards.map((c) => [c.uid, readBack(c)]));
    expect(read['3f2a9c1e-7b4d-4e8a-a1c2-5d6e7f809a1b']).toMatchObject({
      uid: '3f2a9c1e-7b4d-4e8a-a1c2-5d6e7f809a1b',
      name: 'Jane Doe',
      phones: [
        { raw: '+44 7700 900123', label: t('phone.label.mobile') },
        { raw: '020 7946 0018', label: t('phone.label.work') },
        { raw: '020 7946 0999', label: t('phone.label.fax', { place: 'work' }) },
      ],
    });
    expect(read['9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a']).toMatchObject({
      name: "Renée O'Brien-Łukasz",
      phones: [
        { raw: '+33 6 12 34 56 78', label: t('phone.label.mobile') },
        { raw: '01 23 45 67 89', label: t('phone.label.home') },
      ],
    });
    expect(read['5b6c7d8e-9fa0-4b1c-8d2e-3f4a5b6c7d8e']).toMatchObject({
      name: '山田 太郎',
      phones: [
        { raw: '090-1234-5678', label: t('phone.label.mobile') },
        { raw: '03-1234-5678', label: t('phone.label.work') },
      ],
    });
    // No FormattedName: the name is composed from its parts.
    expect(read[join('Family', 'Grandma.contact')]).toMatchObject({
      name: 'Mrs. Margaret Ann Smith',
      phones: [
        { raw: '+1 (202) 555-0143', label: t('phone.label.home') },
        { raw: '+1 202 555 0178', label: t('phone.label.pager') },
      ],
    });
    // No name at all: the company names the card.
    expect(read['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']).toMatchObject({
      name: 'Quick Fix Plumbing',
      phones: [{ raw: '0161 496 0000', label: t('phone.label.work') }],
    });
  });

  it('keeps the name parts, company and e-mail in the card', async () => {
    const { cards } = await readWindowsContacts(FOLDER);
    const jane = cards.find((c) => c.uid.startsWith('3f2a'))!.vcard;
    expect(jane).toContain('N:Doe;Jane;;;\r\n');
    expect(jane).toContain('ORG:Doe & Partners\\; Ltd\r\n');
    expect(jane).toContain('EMAIL;TYPE=INTERNET:jane.doe@example.org\r\n');
    expect(jane).toContain(`REV:${mtime('Jane Doe.contact')}\r\n`);
  });

  it('reads UTF-8 with and without a byte order mark, and UTF-16 with one, to the same text', () => {
    const utf16 = readFileSync(at('山田 太郎.contact'));
    expect([...utf16.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = contactText(utf16);
    expect(text.encoding).toBe('utf-16le');
    expect(text.text.startsWith('<?xml')).toBe(true);
    const bom = readFileSync(at("Renée O'Brien-Łukasz.contact"));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(contactText(bom).text.startsWith('<?xml')).toBe(true);
    const plain = readFileSync(at('Jane Doe.contact'));
    expect(plain[0]).toBe(0x3c);
    // The same contact as UTF-16 big-endian, and as UTF-16 without a mark.
    const be = Buffer.from(text.text, 'utf16le').swap16();
    expect(contactText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).text).toBe(text.text);
    expect(contactText(Buffer.from(text.text, 'utf16le'))).toEqual({ text: text.text, encoding: 'utf-16le' });
  });

  it('reports text that is not valid in its encoding, a duplicate ContactID and a missing folder', async () => {
    const dir = tempDir();
    copyFileSync(at('Jane Doe.contact'), join(dir, 'Jane Doe.contact'));
    mkdirSync(join(dir, 'Copies'));
    copyFileSync(at('Jane Doe.contact'), join(dir, 'Copies', 'Jane Doe.contact'));
    writeFileSync(
      join(dir, 'Latin1.contact'),
      Buffer.from('<?xml version="1.0"?><c:contact>Ren\xe9e</c:contact>', 'latin1'),
    );
    writeFileSync(join(dir, 'Empty.contact'), '');
    const { cards, issues } = await readWindowsContacts(dir);
    // Files are read in path order: the copy in Copies/ comes first and keeps the id.
    expect(cards.map((c) => c.uid)).toEqual([
      '3f2a9c1e-7b4d-4e8a-a1c2-5d6e7f809a1b',
      '3f2a9c1e-7b4d-4e8a-a1c2-5d6e7f809a1b:Jane Doe.contact',
    ]);
    expect(readBack(cards[1]!).uid).toBe(cards[1]!.uid);
    expect(issues).toEqual([
      { file: join(dir, 'Empty.contact'), line: 1, message: expect.stringMatching(/not well-formed XML/) },
      { file: join(dir, 'Latin1.contact'), line: 1, message: t('osContacts.windows.badText', { encoding: 'UTF-8' }) },
    ]);
    const missing = join(dir, 'nowhere');
    expect(await readWindowsContacts(missing)).toEqual({
      cards: [],
      issues: [{ file: missing, line: 1, message: t('osContacts.windows.noFolder') }],
    });
  });

  it('skips a contact with neither a name nor a number', async () => {
    const dir = tempDir();
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><c:contact c:Version="1" xmlns:c="http://schemas.microsoft.com/Contact">' +
      '<c:CreationDate>2020-01-01T00:00:00Z</c:CreationDate><c:NameCollection><c:Name/></c:NameCollection></c:contact>';
    writeFileSync(join(dir, 'Blank.contact'), xml);
    expect(await readWindowsContacts(dir)).toEqual({
      cards: [],
      issues: [{ file: join(dir, 'Blank.contact'), line: 1, message: t('osContacts.windows.empty') }],
    });
  });

  it('finds the folder from USERPROFILE', () => {
    expect(windowsContactsFolder({ USERPROFILE: '/home/jane' })).toBe(join('/home/jane', 'Contacts'));
  });
});
