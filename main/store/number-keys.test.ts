import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVcards } from '../../bench/generate.ts';
import { contactPage } from '../app/contact-query.ts';
import { importFile } from '../import/importer.ts';
import { applyRegionChoice } from '../import/region.ts';
import { numberSearchKeys } from '../phone/search-keys.ts';
import { tempDir } from '../testing/tmp.ts';
import { migrations, LATEST_VERSION } from './migrations/index.ts';
import { openStore, schemaVersion, type Db } from './open.ts';
import { sortKey } from './sort-key.ts';
import { removeSource } from './sources.ts';

function card(name: string, ...tels: string[]): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, ...tels.map((t) => `TEL;TYPE=CELL:${t}`), 'END:VCARD'].join(
    '\r\n',
  );
}

function book(dir: string, file: string, ...cards: string[]): string {
  const path = join(dir, file);
  writeFileSync(path, cards.join('\r\n') + '\r\n');
  return path;
}

/** Every stored key as `contact:position:key`, and the same worked out afresh from the phones: they must agree. */
function storedAndExpected(db: Db): { stored: string[]; expected: string[] } {
  const stored = (
    db.prepare('SELECT contact_id, position, key FROM number_keys').all() as Array<{
      contact_id: number;
      position: number;
      key: string;
    }>
  ).map((r) => `${r.contact_id}:${r.position}:${r.key}`);
  const phones = db.prepare('SELECT contact_id, position, raw, e164, candidate FROM phones').all() as Array<{
    contact_id: number;
    position: number;
    raw: string;
    e164: string | null;
    candidate: string | null;
  }>;
  const expected = phones.flatMap((p) =>
    numberSearchKeys(p.raw, p.e164, p.candidate).map((k) => `${p.contact_id}:${p.position}:${k}`),
  );
  return { stored: stored.sort(), expected: expected.sort() };
}

function expectKeysInStep(db: Db): void {
  const { stored, expected } = storedAndExpected(db);
  expect(stored.length).toBeGreaterThan(0);
  expect(stored).toEqual(expected);
}

const names = (db: Db, search: string) =>
  contactPage(db, { offset: 0, limit: 100, search, filter: 'all' }).rows.map((r) => r.name);

describe('number search keys in the store', () => {
  it('are filled in for the phones of a store created at version 6', () => {
    const path = join(tempDir(), 'kith.db');
    // A store as version 6 left it, with contacts imported then, written by hand.
    const raw = new Database(path);
    raw.function('kith_sort_key', { deterministic: true }, (name) => sortKey(String(name)));
    for (const step of migrations.slice(0, 6)) raw.exec(step.sql);
    raw.pragma('user_version = 6');
    raw.exec(`INSERT INTO settings (key, value) VALUES ('region', 'GB');
      INSERT INTO sources (id, path, kind, file_hash, imported_at) VALUES (1, 'a.vcf', 'vcard', 'h', 0);
      INSERT INTO contacts (id, source_id, key, digest, line, name, sort_name, created_at, updated_at) VALUES
        (1, 1, 'k1', 'd', 1, 'Erika Mustermann', 'erika mustermann', 0, 0),
        (2, 1, 'k2', 'd', 7, 'Ravi Kumar', 'ravi kumar', 0, 0),
        (3, 1, 'k3', 'd', 13, 'Odd Number', 'odd number', 0, 0);
      INSERT INTO phones (contact_id, position, raw, label, e164, candidate, ext, status, reason) VALUES
        (1, 0, '07400 015000', 'Mobile', '+447400015000', NULL, NULL, 'valid', 'valid mobile number (GB)'),
        (2, 0, '+91 90502 01750', 'Mobile', '+919050201750', NULL, NULL, 'valid', 'valid mobile number (IN)'),
        (2, 1, '0905-555-1234', 'Work', NULL, NULL, NULL, 'invalid', 'not a valid number'),
        (3, 0, '07400 12', '', NULL, '+440740012', NULL, 'possible', 'plausible length for GB');`);
    raw.close();

    const db = openStore(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expectKeysInStep(db);
    expect(db.prepare('SELECT key FROM number_keys WHERE contact_id = 1 ORDER BY key').pluck().all()).toEqual([
      '+447400015000',
      '07400015000',
    ]);
    expect(names(db, '07400 015000')).toEqual(['Erika Mustermann']);
    expect(names(db, '+44 7400 015000')).toEqual(['Erika Mustermann']);
    expect(names(db, '0091 90502')).toEqual(['Ravi Kumar']);
    expect(names(db, '(0905) 555-1234')).toEqual(['Ravi Kumar']);
    expect(names(db, '07400 12')).toEqual(['Odd Number']);
    db.close();
  });

  it('follow every change to the phones: import, re-import, removal, a new default region', async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'kith.db'));
    // No default region yet: a number without a country code is invalid, found only by its digits.
    const path = book(
      dir,
      'book.vcf',
      card('Erika Mustermann', '07400 015000'),
      card('Max Muster', '+49 151 41632683'),
    );
    await importFile(db, path, { region: null });
    expectKeysInStep(db);
    expect(names(db, '07400 015000')).toEqual(['Erika Mustermann']);
    expect(names(db, '+44 7400')).toEqual([]);

    const { region } = applyRegionChoice(db, { region: 'GB' });
    expectKeysInStep(db);
    expect(names(db, '+44 7400')).toEqual(['Erika Mustermann']);
    expect(names(db, '7400 015000')).toEqual(['Erika Mustermann']);

    // Erika's number changes, Max goes, Jan comes.
    book(dir, 'book.vcf', card('Erika Mustermann', '07400 015999'), card('Jan Jansen', '06 12 34 56 78'));
    await importFile(db, path, { region });
    expectKeysInStep(db);
    expect(names(db, '07400 015000')).toEqual([]);
    expect(names(db, '07400 0159')).toEqual(['Erika Mustermann']);
    expect(names(db, '0151 4163')).toEqual([]);
    expect(names(db, '06 12 34')).toEqual(['Jan Jansen']);

    const source = db.prepare('SELECT id FROM sources').pluck().get() as number;
    removeSource(db, source, 1);
    expect(db.prepare('SELECT count(*) FROM number_keys').pluck().get()).toBe(0);
    db.close();
  });

  it('are written by a bulk import and its index rebuilt', async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'kith.db'));
    const path = join(dir, 'many.vcf');
    writeFileSync(path, generateVcards(6000).text + card('Zebedee Quartermaine', '07400 900123') + '\r\n');
    const { region } = applyRegionChoice(db, { region: 'GB' });
    await importFile(db, path, { region });
    expectKeysInStep(db);
    expect(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'number_keys_key'").get()).toBeDefined();
    expect(names(db, '07400 900123')).toEqual(['Zebedee Quartermaine']);
    db.close();
  });
});
