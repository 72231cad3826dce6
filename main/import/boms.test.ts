import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listContacts } from '../store/contacts.ts';
import { openStore } from '../store/open.ts';
import { tempDir } from '../testing/tmp.ts';
import { detectFormat } from './detect.ts';
import { importFile } from './importer.ts';
import { t } from '../../i18n/index.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus');
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Three Erika Mustermann cards (4.0, 2.1, 3.0). */
const MULTIPLE = readFileSync(join(CORPUS, 'node-vcf', 'multiple.vcf'));
/** A Thunderbird CSV export with a display name and a phone. */
const QUOTE_CSV = readFileSync(join(CORPUS, 'thunderbird', 'quote.csv'));

function utf16le(text: string, boms: number): Buffer {
  const bom = Buffer.from([0xff, 0xfe]);
  return Buffer.concat([...Array<Buffer>(boms).fill(bom), Buffer.from(text, 'utf16le')]);
}

async function importBytes(name: string, bytes: Uint8Array) {
  const dir = tempDir();
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const db = openStore(join(dir, 'kith.db'));
  try {
    const report = await importFile(db, path, { region: 'DE' });
    // The fixture's PHOTO links are reported as such (vcard/photo.test.ts); these tests are about byte order marks.
    report.errors = report.errors.filter((e) => e.message !== t('avatars.photo.link'));
    return { report, names: listContacts(db).map((c) => c.name) };
  } finally {
    db.close();
  }
}

describe('leading byte order marks', () => {
  it.each([2, 4])('reads a vCard file that starts with %i UTF-8 BOMs', async (n) => {
    const bytes = Buffer.concat([...Array<Buffer>(n).fill(UTF8_BOM), MULTIPLE]);
    expect(detectFormat(bytes)).toEqual({ format: 'vcard' });
    const { report, names } = await importBytes('bom.vcf', bytes);
    expect(report).toMatchObject({ format: 'vcard', recordsRead: 3, contacts: 3, errors: [] });
    expect(names).toEqual(['Dr. Erika Mustermann', 'Dr. Erika Mustermann', 'Dr. Erika Mustermann']);
  });

  it.each([2, 4])('reads a CSV file that starts with %i UTF-8 BOMs, the header name without them', async (n) => {
    const bytes = Buffer.concat([...Array<Buffer>(n).fill(UTF8_BOM), QUOTE_CSV]);
    expect(detectFormat(bytes)).toEqual({ format: 'csv' });
    const { report, names } = await importBytes('bom.csv', bytes);
    expect(report).toMatchObject({ format: 'csv', contacts: 1, errors: [] });
    expect(names).toEqual(['Acer America']);
  });

  it('reads UTF-16 vCard and CSV files with the BOM three times over', async () => {
    const vcard = utf16le(MULTIPLE.toString('utf8'), 3);
    expect(detectFormat(vcard)).toEqual({ format: 'vcard' });
    expect((await importBytes('bom16.vcf', vcard)).report).toMatchObject({ contacts: 3, errors: [] });
    const csv = utf16le(QUOTE_CSV.toString('utf8'), 3);
    expect(detectFormat(csv)).toEqual({ format: 'csv' });
    const { report, names } = await importBytes('bom16.csv', csv);
    expect(report).toMatchObject({ contacts: 1, errors: [] });
    expect(names).toEqual(['Acer America']);
  });
});
