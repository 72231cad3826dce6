/**
 * The server is down when the background engine starts: it goes offline, probes with growing waits, keeps taking
 * address-book changes into the outbox, and resumes by itself once the server is up on its address again.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../../protocol/api.ts';
import { login } from '../../../server/testing/client.ts';
import { createTestDatabase, type TestDatabase } from '../../../server/testing/databases.ts';
import type { Db } from '../../store/open.ts';
import { backoffDelay } from '../backoff.ts';
import { SyncEngine } from '../engine.ts';
import type { SyncError } from '../errors.ts';
import { expectConverged } from '../../testing/convergence.ts';
import { serverNumbers, wantedNumbers } from '../../testing/sync-harness.ts';
import {
  contacts,
  FAST_BACKOFF,
  importBook,
  phoneNumber,
  ROOT,
  serve,
  signIn,
  storeIn,
  waitFor,
  type Served,
} from '../../testing/sync-fixture.ts';
import { tempDir } from '../../testing/tmp.ts';

let database: TestDatabase;
let server: Served | null;
let dir: string;
let storePath: string;
let db: Db;
let token: string;
let port: number;

/** Signs in while the server is up, then takes it down: from here on its port refuses connections. */
beforeEach(async () => {
  database = await createTestDatabase('sqlite');
  server = await serve(database.url);
  port = Number(new URL(server.url).port);
  dir = tempDir();
  ({ path: storePath, db } = storeIn(dir));
  token = await signIn(db, server.url);
  await server.close();
  server = null;
});

afterEach(async () => {
  await server?.close();
  db.close();
  await database.drop();
});

/** Whatever the engine reports, as it happens. */
function watch(engine: SyncEngine) {
  const failures: Array<{ at: number; error: SyncError }> = [];
  const shown: number[] = [];
  engine.on('error', (error) => failures.push({ at: Date.now(), error }));
  engine.on('joined', (events: InboxEvent[]) => shown.push(...events.map((e) => e.id)));
  return { failures, shown };
}

describe('the server is down from the start', () => {
  it('goes offline, probes with backoff, queues imports, and resumes by itself when the server comes up', async () => {
    await importBook(db, join(dir, 'a.csv'), contacts(0, 1500));
    const engine = new SyncEngine({ db, backoff: FAST_BACKOFF });
    const { failures, shown } = watch(engine);
    const registered = new Map<string, number>();
    engine.start();
    try {
      await waitFor('several failed probes', () => failures.length >= 6);
      expect(engine.status().connectivity).toBe('offline');
      expect(failures.every((f) => f.error.kind === 'network')).toBe(true);
      // Each probe waits at least half of base·2^attempt (capped) after the one before.
      for (let i = 1; i < 6; i++) {
        const floor = backoffDelay(i - 1, FAST_BACKOFF, () => 0);
        expect(failures[i]!.at - failures[i - 1]!.at, `wait before probe ${i}`).toBeGreaterThanOrEqual(floor - 2);
      }

      // Importing works offline, into the same store; the changes are cut into batches and wait.
      await importBook(db, join(dir, 'b.csv'), contacts(1500, 500));
      engine.notifyChanged();
      await waitFor('the import to be queued', () => engine.status().queuedNumbers === 2000);
      expect(engine.status()).toMatchObject({ connectivity: 'offline', queuedNumbers: 2000 });
      expect(db.prepare(`SELECT count(*) FROM numbers WHERE state = 'synced'`).pluck().get()).toBe(0);

      // The server comes back on the same address; the next probe finds it and everything goes out.
      server = await serve(database.url, port);
      await waitFor('the queue to drain', () => engine.status().queuedBatches === 0, 60_000);
      await waitFor('the engine to be online', () => engine.status().connectivity === 'online');
      expect(await serverNumbers(server.url, token)).toEqual(wantedNumbers(db));

      // Back online, the event stream is open: a contact who joins now is shown once.
      registered.set(phoneNumber(42), (await login(server.url, phoneNumber(42))).userId);
      await waitFor('the join event', () => shown.length === 1);
    } finally {
      await engine.stop();
    }
    await expectConverged({
      db,
      server: server.url,
      token,
      joins: 1,
      shown,
      registered,
    });
  }, 120_000);

  it('retryNow() skips the wait: with minute-long backoff, it syncs as soon as the server is back', async () => {
    await importBook(db, join(dir, 'a.csv'), contacts(0, 300));
    const engine = new SyncEngine({ db, backoff: { baseMs: 60_000, maxMs: 120_000 } });
    const { failures } = watch(engine);
    engine.start();
    try {
      await waitFor('the first failure', () => failures.length >= 1);
      expect(engine.status()).toMatchObject({ connectivity: 'offline', queuedNumbers: 300 });
      server = await serve(database.url, port);
      // Left alone, the engine would not look again for at least half a minute.
      const summary = await engine.retryNow();
      expect(summary).toMatchObject({ queued: 0, added: 300, connectivity: 'online', error: null });
      expect(failures).toHaveLength(1);
    } finally {
      await engine.stop();
    }
    await expectConverged({ db, server: server.url, token, joins: 0 });
  });

  it('`kith sync` exits 3 with the changes kept queued, and sends them once the server is back', async () => {
    await importBook(db, join(dir, 'a.csv'), contacts(0, 120));
    const kith = () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const env = { PATH: process.env.PATH ?? '', HOME: dir };
        execFile(
          process.execPath,
          [join(ROOT, 'bin', 'kith.js'), 'sync', '--db', storePath],
          { env },
          (err, stdout, stderr) =>
            resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
        );
      });
    const down = await kith();
    expect(down, down.stderr).toMatchObject({ code: 3 });
    expect(down.stdout).toMatch(/1 batch still queued \(offline\)/);
    expect(db.prepare(`SELECT count(*) FROM outbox WHERE last_error LIKE 'network:%'`).pluck().get()).toBe(1);

    server = await serve(database.url, port);
    const up = await kith();
    expect(up, up.stderr).toMatchObject({ code: 0 });
    expect(up.stdout).toMatch(/120 numbers added/);
    await expectConverged({ db, server: server.url, token, joins: 0 });
  });
});
