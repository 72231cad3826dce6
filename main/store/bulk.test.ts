import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tmp.ts';
import { BULK_INDEXES, bulkLoadWorthIt, dropBulkIndexes, rebuildBulkIndexes } from './bulk.ts';
import { openStore } from './open.ts';

describe('bulk index drop and rebuild', () => {
  const schemaOf = (db: ReturnType<typeof openStore>) =>
    Object.fromEntries(
      (
        db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{
          name: string;
          sql: string;
        }>
      ).map((r) => [r.name, r.sql]),
    );

  it('rebuilds exactly the indexes the migrations create', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    const before = schemaOf(db);
    for (const [name, sql] of Object.entries(BULK_INDEXES)) expect(before[name]).toBe(sql);
    db.transaction(() => {
      dropBulkIndexes(db);
      expect(Object.keys(schemaOf(db))).not.toContain('phones_e164');
      rebuildBulkIndexes(db);
    })();
    expect(schemaOf(db)).toEqual(before);
    db.close();
  });

  it('restores the indexes when the transaction rolls back', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    const before = schemaOf(db);
    expect(() =>
      db.transaction(() => {
        dropBulkIndexes(db);
        throw new Error('import failed');
      })(),
    ).toThrow('import failed');
    expect(schemaOf(db)).toEqual(before);
    db.close();
  });

  it('is used only for large loads relative to what is stored', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    expect(bulkLoadWorthIt(db, 100)).toBe(false);
    expect(bulkLoadWorthIt(db, 10_000)).toBe(true);
    db.close();
  });
});
