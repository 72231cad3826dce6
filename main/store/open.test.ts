import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tmp.ts';
import { LATEST_VERSION, migrations } from './migrations/index.ts';
import { openStore, schemaVersion, StoreVersionError } from './open.ts';

describe('openStore', () => {
  it('creates a WAL database at the latest schema version', () => {
    const path = join(tempDir(), 'nested', 'kith.db');
    const db = openStore(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'activity',
      'contacts',
      'excluded_numbers',
      'joins',
      'number_countries',
      'number_keys',
      'numbers',
      'outbox',
      'pending_sign_outs',
      'people_apart',
      'people_dirty',
      'people_state',
      'phones',
      'photos',
      'settings',
      'source_cards',
      'sources',
      'sqlite_sequence',
      'upload_log',
    ]);
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const path = join(tempDir(), 'kith.db');
    const db = openStore(path);
    db.prepare("INSERT INTO settings (key, value) VALUES ('region', 'GB')").run();
    db.close();
    const again = openStore(path);
    expect(again.prepare("SELECT value FROM settings WHERE key = 'region'").pluck().get()).toBe('GB');
    again.close();
  });

  it('fills in the sort keys of contacts stored before they existed', () => {
    const path = join(tempDir(), 'kith.db');
    // A store as version 4 left it: the migrations before sort keys, applied by hand.
    const raw = new Database(path);
    for (const step of migrations.slice(0, 4)) raw.exec(step.sql);
    raw.pragma('user_version = 4');
    raw.exec(`INSERT INTO sources (id, path, kind, file_hash, imported_at) VALUES (1, 'a.vcf', 'vcard', 'h', 0)`);
    const insert = raw.prepare(
      `INSERT INTO contacts (source_id, key, digest, line, name, created_at, updated_at) VALUES (1, ?, 'd', 1, ?, 0, 0)`,
    );
    for (const name of ['Zoë', 'Élodie', 'adam']) insert.run(name, name);
    raw.close();

    const db = openStore(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT name, sort_name FROM contacts ORDER BY sort_name').all()).toEqual([
      { name: 'adam', sort_name: 'adam' },
      { name: 'Élodie', sort_name: 'elodie' },
      { name: 'Zoë', sort_name: 'zoe' },
    ]);
    db.close();
  });

  it('refuses a database written by a newer version', () => {
    const path = join(tempDir(), 'kith.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openStore(path)).toThrow(StoreVersionError);
    expect(() => openStore(path)).toThrow(/newer Kith/);
  });

  it('lets several processes open a new store at once, migrating it exactly once', async () => {
    const path = join(tempDir(), 'shared.db');
    const openUrl = new URL('./open.ts', import.meta.url).href;
    const script = `import { openStore } from ${JSON.stringify(openUrl)}; openStore(${JSON.stringify(path)}).close();`;
    const run = promisify(execFile);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => run(process.execPath, ['--input-type=module', '-e', script])),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const db = openStore(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });
});
