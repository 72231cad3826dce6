import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_VERSION, migrations } from './migrations/index.ts';

export type Db = Database.Database;

export class StoreVersionError extends Error {
  constructor(path: string, found: number) {
    super(
      `${path} was written by a newer Kith (schema version ${found}; this build knows up to ${LATEST_VERSION}). ` +
        'Update Kith, or point --db at another file.',
    );
    this.name = 'StoreVersionError';
  }
}

/** Open (creating if needed) the local store, in WAL mode, migrated to the latest schema. */
export function openStore(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Bulk imports touch several random-keyed indexes; a small page cache would spill them to disk mid-transaction.
    db.pragma('cache_size = -65536');
    migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, path: string): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) throw new StoreVersionError(path, current);
  for (const m of migrations.slice(current)) {
    // Each step is atomic: a crash mid-migration leaves the previous version intact.
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
