import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../server/testing/databases.ts';
import { uploadRuns as uploadRunsMigration } from '../store/migrations/009-upload-runs.ts';
import { openStore, type Db } from '../store/open.ts';
import { contacts, importBook, phoneNumber, serve, signIn, storeIn, type Served } from '../testing/sync-fixture.ts';
import { tempDir } from '../testing/tmp.ts';
import { formatNumber } from '../../i18n/index.ts';
import { SyncEngine } from './engine.ts';
import { RUN_PAGE, uploadBatchNumbers, uploadLog, uploadRunBatches, uploadRuns } from './history.ts';
import { namedNumbers } from './names.ts';
import { deleteServerData, settingsTokenStore } from './session.ts';

/** The upload log by sync run: every batch one engine pass sends shares its run, against a real server on loopback. */

let database: TestDatabase;
let served: Served;

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  served = await serve(database.url);
});

afterAll(async () => {
  await served?.close();
  await database?.drop();
});

/** A store signed in to the server, with a clock that moves on by a second each time the engine reads it. */
async function device(): Promise<{ db: Db; dir: string; engine: SyncEngine; clock: { t: number } }> {
  const dir = tempDir();
  const { db } = storeIn(dir);
  await signIn(db, served.url);
  const clock = { t: Date.UTC(2030, 0, 1, 10, 2) };
  const engine = new SyncEngine({ db, batchSize: 500, now: () => (clock.t += 1000) });
  return { db, dir, engine, clock };
}

describe('the upload log by sync run', () => {
  it('logs the batches of one multi-batch sync as one run, with its batches and their numbers by name', async () => {
    const { db, dir, engine } = await device();
    try {
      await importBook(db, join(dir, 'book.csv'), contacts(0, 1200));

      const first = await engine.sync();
      expect(first).toMatchObject({ batchesSent: 3, added: 1200, queued: 0 });

      // One pass: every row shares the run id and the pass's start, which is before any batch was applied.
      const rows = db.prepare('SELECT run_id, run_at, at FROM upload_log ORDER BY id').all() as Array<{
        run_id: string | null;
        run_at: number | null;
        at: number;
      }>;
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r) => r.run_id)).size).toBe(1);
      expect(rows[0]!.run_id).toMatch(/^r[\w-]{16}$/);
      expect(new Set(rows.map((r) => r.run_at)).size).toBe(1);
      expect(rows[0]!.run_at).toBeLessThan(rows[0]!.at);
      expect(new Set(rows.map((r) => r.at)).size).toBe(3);

      const [run, ...others] = uploadRuns(db);
      expect(others).toEqual([]);
      expect(run).toEqual({
        id: expect.any(Number),
        runId: rows[0]!.run_id,
        at: rows[0]!.run_at,
        kind: 'sync',
        batches: 3,
        added: 1200,
        removed: 0,
        refusedBatches: 0,
        refusedNumbers: 0,
        detail: null,
      });

      const batches = uploadRunBatches(db, run!.id)!;
      expect(batches.map((b) => [b.added, b.removed, b.result])).toEqual([
        [500, 0, 'applied'],
        [500, 0, 'applied'],
        [200, 0, 'applied'],
      ]);
      expect(batches.map((b) => b.batchId)).toEqual(
        uploadLog(db)
          .map((e) => e.batchId)
          .reverse(),
      );
      // Any row of the run finds the whole run; pages go in the order sent.
      expect(uploadRunBatches(db, batches[2]!.id)).toEqual(batches);
      expect(uploadRunBatches(db, run!.id, 1, 1)).toEqual([batches[1]]);

      // The numbers of a batch, a page at a time, each with the name saved for it.
      const page = uploadBatchNumbers(db, batches[0]!.id, 2, 0)!;
      expect(page).toEqual({
        total: 500,
        numbers: [
          { e164: phoneNumber(0), change: 'added' },
          { e164: phoneNumber(1), change: 'added' },
        ],
      });
      expect(namedNumbers(db, [phoneNumber(1), phoneNumber(0)])).toEqual([
        { e164: phoneNumber(1), display: '07400 100001', name: 'Contact 1', others: 0 },
        { e164: phoneNumber(0), display: '07400 100000', name: 'Contact 0', others: 0 },
      ]);
      expect(uploadBatchNumbers(db, batches[2]!.id, 100, 150)!.numbers).toHaveLength(50);
      expect(uploadBatchNumbers(db, batches[2]!.id, 100, 200)).toEqual({ total: 200, numbers: [] });

      // A later sync is a run of its own, shown first; removals count as removed.
      await importBook(db, join(dir, 'book.csv'), contacts(0, 1190));
      await engine.sync();
      const runs = uploadRuns(db);
      expect(runs.map((r) => [r.batches, r.added, r.removed])).toEqual([
        [1, 0, 10],
        [3, 1200, 0],
      ]);
      expect(uploadRuns(db, 1, 1)).toEqual([run]);

      // Deleting everything is a row of its own, not part of any run.
      const deleted = await deleteServerData(db, settingsTokenStore(db), Date.UTC(2030, 0, 2));
      expect(deleted).toBe(1190);
      expect(uploadRuns(db)[0]).toEqual({
        id: expect.any(Number),
        runId: null,
        at: Date.UTC(2030, 0, 2),
        kind: 'deleted',
        batches: 1,
        added: 0,
        removed: 0,
        refusedBatches: 0,
        refusedNumbers: 0,
        detail: `all ${formatNumber(1190)} uploaded numbers deleted from the server`,
      });
      expect(uploadRuns(db)).toHaveLength(3);
    } finally {
      db.close();
    }
  });

  it('shows each batch logged before runs were recorded as a run of its own, in order with newer runs', async () => {
    // The upload log as it was before runs (no run columns), holding three batches one sync wrote then.
    const path = join(tempDir(), 'kith.db');
    openStore(path).close();
    const raw = new Database(path);
    raw.exec(`DROP INDEX upload_log_runs;
              ALTER TABLE upload_log DROP COLUMN run_at;
              ALTER TABLE upload_log DROP COLUMN run_id;`);
    const old = raw.prepare(
      `INSERT INTO upload_log (batch_id, at, added, removed, result, detail) VALUES (?, ?, ?, '[]', ?, ?)`,
    );
    old.run('b-old-1', 1000, JSON.stringify([phoneNumber(0), phoneNumber(1)]), 'applied', null);
    old.run('b-old-2', 1001, JSON.stringify([phoneNumber(2)]), 'rejected', '400 invalid');
    old.run('b-old-3', 1002, JSON.stringify([phoneNumber(3)]), 'applied', '1 on Kith');
    // Then the migration that adds them.
    raw.exec(uploadRunsMigration.sql);
    raw.close();

    const db = openStore(path);
    try {
      db.prepare(
        `INSERT INTO upload_log (batch_id, at, added, removed, result, detail, run_id, run_at)
         VALUES (?, ?, ?, '[]', 'applied', NULL, 'r-new', 2000)`,
      ).run('b-new-1', 2001, JSON.stringify([phoneNumber(4)]));
      db.prepare(
        `INSERT INTO upload_log (batch_id, at, added, removed, result, detail, run_id, run_at)
         VALUES (?, ?, ?, '[]', 'applied', NULL, 'r-new', 2000)`,
      ).run('b-new-2', 2002, JSON.stringify([phoneNumber(5), phoneNumber(6)]));

      const runs = uploadRuns(db);
      expect(
        runs.map((r) => [r.runId, r.at, r.batches, r.added, r.refusedBatches, r.refusedNumbers, r.detail]),
      ).toEqual([
        ['r-new', 2000, 2, 3, 0, 0, null],
        [null, 1002, 1, 1, 0, 0, '1 on Kith'],
        [null, 1001, 1, 0, 1, 1, '400 invalid'],
        [null, 1000, 1, 2, 0, 0, null],
      ]);
      expect(uploadRuns(db, 2, 1).map((r) => r.at)).toEqual([1002, 1001]);
      // An old row's run is that row alone.
      expect(uploadRunBatches(db, runs[2]!.id)!.map((b) => b.batchId)).toEqual(['b-old-2']);
      expect(uploadRunBatches(db, runs[0]!.id)!.map((b) => b.batchId)).toEqual(['b-new-1', 'b-new-2']);
      expect(uploadLog(db, 1)).toEqual([expect.objectContaining({ batchId: 'b-new-2', runId: 'r-new', runAt: 2000 })]);
      expect(uploadLog(db, 1, 2)).toEqual([expect.objectContaining({ batchId: 'b-old-3', runId: null, runAt: null })]);
      // No such row.
      expect(uploadRunBatches(db, 999)).toBeNull();
      expect(uploadBatchNumbers(db, 999)).toBeNull();
    } finally {
      db.close();
    }
  });

  it('pages through runs without reading the number lists', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    try {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${RUN_PAGE}`).all(10, 0) as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX upload_log_runs/);
    } finally {
      db.close();
    }
  });
});
