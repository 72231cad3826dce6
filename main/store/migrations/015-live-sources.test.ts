import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvContacts } from '../../import/csv/index.ts';
import { importFile } from '../../import/importer.ts';
import { digestText, stableKey } from '../../import/keys.ts';
import { processRecords, type RecordTask } from '../../import/records.ts';
import { SourceSync } from '../../import/source-sync.ts';
import { splitVcards } from '../../import/vcard/index.ts';
import { numberSearchKeys } from '../../phone/search-keys.ts';
import { tempDir } from '../../testing/tmp.ts';
import { sourceContacts } from '../contacts.ts';
import { numberDiscrepancies } from '../numbers.ts';
import { openStore, schemaVersion } from '../open.ts';
import { peopleCount } from '../people.ts';
import { sortKey } from '../sort-key.ts';
import { listAllSources, listSources, removeSource } from '../sources.ts';
import { migrations } from './index.ts';
import { liveSources } from './015-live-sources.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures');
const FILES = [
  join('people', 'erika.vcf'),
  join('people', 'erika.csv'),
  join('corpus', 'kith', 'broken-names.vcf'),
  join('photos', 'photos.vcf'),
];

/** The store as version 14 left it, its files imported by the record path of that version (reader, SourceSync). */
function storeAtVersion14(path: string, files: string[]): void {
  const before = liveSources.version - 1;
  const raw = new Database(path);
  raw.pragma('foreign_keys = ON');
  raw.function('kith_sort_key', { deterministic: true }, (name) => sortKey(String(name)));
  raw.function('kith_number_keys', { deterministic: true }, (text, e164, candidate) =>
    JSON.stringify(numberSearchKeys(String(text), e164 === null ? null : String(e164), candidate as string | null)),
  );
  for (const step of migrations.slice(0, before)) {
    raw.exec(step.sql);
    step.after?.(raw);
  }
  raw.pragma(`user_version = ${before}`);
  const now = 1_700_000_000_000;
  raw.transaction(() => {
    for (const file of files) {
      const bytes = readFileSync(file);
      const format = file.endsWith('.csv') ? 'csv' : 'vcard';
      const { id } = raw
        .prepare(`INSERT INTO sources (path, kind, file_hash, imported_at) VALUES (?, ?, ?, ?) RETURNING id`)
        .get(file, format, digestText(bytes), now) as { id: number };
      const sync = new SourceSync(raw, id, sourceContacts(raw, id), now);
      let task: RecordTask;
      let digests: string[];
      if (format === 'vcard') {
        const chunks = splitVcards(bytes, file).cards;
        task = { kind: 'vcard', region: 'DE', chunks };
        digests = chunks.map((c) => digestText(c.text));
      } else {
        const contacts = parseCsvContacts(bytes, file).contacts;
        task = { kind: 'contacts', region: 'DE', contacts };
        digests = contacts.map(stableKey);
      }
      processRecords(task).forEach((r, i) => {
        if (r.ok) sync.upsert(r, digests[i]!);
      });
      sync.removeUnseen();
      sync.finish();
    }
  })();
  raw.close();
}

const dump = (db: Database.Database, sql: string): unknown[] => db.prepare(sql).all();
const CONTACTS = 'SELECT id, source_id, key, digest, line, name, sort_name, excluded FROM contacts ORDER BY id';
const PHONES = 'SELECT * FROM phones ORDER BY contact_id, position';
const NUMBERS = 'SELECT e164, refs, state FROM numbers ORDER BY e164';

describe('migration live-sources', () => {
  it('keeps every file source and its contacts, which then re-import unchanged', async () => {
    const dir = tempDir();
    const files = FILES.map((f) => {
      const copy = join(dir, f.replace(/[\\/]/g, '-'));
      copyFileSync(join(FIXTURES, f), copy);
      return realpathSync(copy);
    });
    const path = join(dir, 'kith.db');
    storeAtVersion14(path, files);
    const raw = new Database(path, { readonly: true });
    const before = {
      sources: dump(
        raw,
        'SELECT id, path, kind, file_hash, imported_at, records_read, report FROM sources ORDER BY id',
      ),
      contacts: dump(raw, CONTACTS),
      phones: dump(raw, PHONES),
      numbers: dump(raw, NUMBERS),
      photos: dump(raw, 'SELECT contact_id, mime, length(bytes) AS n FROM photos ORDER BY contact_id'),
    };
    raw.close();
    expect(before.contacts.length).toBeGreaterThan(10);
    expect(before.photos.length).toBeGreaterThan(0);

    const db = openStore(path);
    expect(schemaVersion(db)).toBe(liveSources.version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(dump(db, 'PRAGMA foreign_key_check')).toEqual([]);
    // The file sources as they were, with their format where `kind` was.
    expect(listSources(db)).toEqual(before.sources);
    expect(listAllSources(db).map((s) => [s.kind, s.name, s.format, s.state, s.pollInterval])).toEqual(
      files.map((f) => ['file', f.split(/[\\/]/).pop(), f.endsWith('.csv') ? 'csv' : 'vcard', 'ok', null]),
    );
    expect(dump(db, CONTACTS)).toEqual(before.contacts);
    expect(dump(db, PHONES)).toEqual(before.phones);
    expect(dump(db, NUMBERS)).toEqual(before.numbers);
    expect(dump(db, 'SELECT contact_id, mime, length(bytes) AS n FROM photos ORDER BY contact_id')).toEqual(
      before.photos,
    );
    // Contacts still point at their source through a foreign key that cascades.
    const schema = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'contacts'").pluck().get() as string;
    expect(schema).toMatch(/REFERENCES sources\(id\) ON DELETE CASCADE/);

    for (const file of files) {
      const report = await importFile(db, file, { region: 'DE' });
      expect(report, file).toMatchObject({ added: 0, updated: 0, removed: 0 });
      expect(report.unchanged, file).toBe(report.contacts);
    }
    expect(dump(db, CONTACTS)).toEqual(before.contacts);
    expect(dump(db, NUMBERS)).toEqual(before.numbers);
    expect(numberDiscrepancies(db)).toEqual([]);
    expect(peopleCount(db)).toBeGreaterThan(0);

    // Removing a source still takes its contacts with it.
    const first = listSources(db)[0]!;
    removeSource(db, first.id, Date.now());
    expect(db.prepare('SELECT count(*) FROM contacts WHERE source_id = ?').pluck().get(first.id)).toBe(0);
    expect(dump(db, 'PRAGMA foreign_key_check')).toEqual([]);
    db.close();
  });

  it('refuses a live source with a path, or a file without one', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    expect(() =>
      db.prepare(`INSERT INTO sources (kind, name, path, format) VALUES ('carddav', 'x', '/a.vcf', 'vcard')`).run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO sources (kind, name) VALUES ('file', 'x')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO sources (kind, name) VALUES ('ldap', 'x')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
