import type { Db } from './open.ts';

/**
 * Secondary indexes that a large import drops and rebuilds. Building an index once, sorted, is far cheaper than
 * inserting a hundred thousand random keys into it one by one. Definitions match the migrations exactly (a test
 * checks), and the drop and rebuild happen inside the import's transaction, so a rollback restores them.
 */
export const BULK_INDEXES: Readonly<Record<string, string>> = {
  contacts_key: 'CREATE UNIQUE INDEX contacts_key ON contacts(source_id, key)',
  phones_e164: 'CREATE INDEX phones_e164 ON phones(e164) WHERE e164 IS NOT NULL',
  contacts_sort: 'CREATE INDEX contacts_sort ON contacts(sort_name, id)',
  number_keys_key: 'CREATE INDEX number_keys_key ON number_keys(key)',
};

/** Worth it when the rows to insert are many, and many compared with what the indexes already hold. */
export function bulkLoadWorthIt(db: Db, incoming: number): boolean {
  if (incoming < 5000) return false;
  const existing = db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
  return incoming >= existing / 4;
}

export function dropBulkIndexes(db: Db): void {
  for (const name of Object.keys(BULK_INDEXES)) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

export function rebuildBulkIndexes(db: Db): void {
  for (const [name, sql] of Object.entries(BULK_INDEXES)) {
    const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(name);
    if (!exists) db.exec(sql);
  }
}
