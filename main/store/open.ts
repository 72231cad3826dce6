import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { t } from '../../i18n/index.ts';
import { storeFailure } from './errors.ts';
import { LATEST_VERSION, migrations } from './migrations/index.ts';
import { numberSearchKeys } from '../phone/search-keys.ts';
import { sortKey } from './sort-key.ts';

export type Db = Database.Database;

export class StoreVersionError extends Error {
  constructor(path: string, found: number) {
    super(t('store.newerVersion', { path, found, latest: LATEST_VERSION }));
    this.name = 'StoreVersionError';
  }
}

/**
 * Open (creating if needed) the local store, in WAL mode, migrated to the latest schema. A store that cannot be opened
 * (read-only, full disk, damaged) throws a `StoreError` that says so.
 */
export function openStore(path: string): Db {
  try {
    return open(path);
  } catch (err) {
    throw storeFailure(err, path) ?? err;
  }
}

function open(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // First, so that every later step waits for another process instead of failing at once.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 16 MB: bulk imports gained nothing from a larger cache, and the import's peak memory has a budget.
    db.pragma('cache_size = -16384');
    // Migration 005 fills in sort keys with the function that computes them for new rows.
    db.function('kith_sort_key', { deterministic: true }, (name) => sortKey(String(name)));
    // The number-keys migration fills in search keys for stored phones with this, and its trigger for changed ones.
    db.function('kith_number_keys', { deterministic: true }, (raw, e164, candidate) =>
      JSON.stringify(numberSearchKeys(String(raw), textOrNull(e164), textOrNull(candidate))),
    );
    migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, path: string): void {
  const found = schemaVersion(db);
  if (found > LATEST_VERSION) throw new StoreVersionError(path, found);
  if (found === LATEST_VERSION) return;
  // One step per write transaction, reading the version under the lock: two processes opening a new store at
  // once must not both run the same migration. A crash mid-step leaves the previous version intact.
  for (;;) {
    // Foreign keys can only be switched outside a transaction; the step is known for sure only inside it.
    const rebuild = migrations[schemaVersion(db)]?.rebuildsTables === true;
    if (rebuild) db.pragma('foreign_keys = OFF');
    let done: boolean | 'again';
    try {
      done = db
        .transaction(() => {
          const current = schemaVersion(db);
          if (current > LATEST_VERSION) throw new StoreVersionError(path, current);
          const step = migrations[current];
          if (!step) return true;
          // Another process moved on meanwhile: look at the next step again with the right setting.
          if ((step.rebuildsTables === true) !== rebuild) return 'again';
          db.exec(step.sql);
          step.after?.(db);
          if (rebuild && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
            throw new Error(`bug: migration ${step.name} broke foreign keys`);
          }
          db.pragma(`user_version = ${step.version}`);
          return false;
        })
        .immediate();
    } finally {
      if (rebuild) db.pragma('foreign_keys = ON');
    }
    if (done === true) return;
  }
}
