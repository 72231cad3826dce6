/**
 * The server goes away in the middle of a batch: either the connection is cut after the server applied it (the
 * client never hears), or the server process is killed while a large sync runs. The batch stays queued with the
 * same id and body, and resending it is harmless.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../server/testing/databases.ts';
import type { Db } from '../../store/open.ts';
import { SyncEngine } from '../engine.ts';
import type { SyncError } from '../errors.ts';
import { expectConverged, settled } from '../../testing/convergence.ts';
import { batchIdOf, FaultProxy, isBatch, PASS, type ProxiedRequest } from '../../testing/fault-proxy.ts';
import {
  contacts,
  FAST_BACKOFF,
  importBook,
  proxiedSetup,
  signIn,
  spawnServer,
  storeIn,
  waitFor,
  type Proxied,
  type ServerProcess,
} from '../../testing/sync-fixture.ts';
import { tempDir } from '../../testing/tmp.ts';

interface QueuedRow {
  batch_id: string;
  body: string;
}

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('the server dies in the middle of a batch', () => {
  it('when the answer is lost after the server applied the batch, the resend gets the same answer', async () => {
    const env: Proxied = await proxiedSetup();
    cleanup.push(() => env.close());
    await importBook(env.db, join(env.dir, 'a.csv'), contacts(0, 300));
    let seen = 0;
    env.proxy.next({ kind: 'drop', phase: 'after' }, (r) => isBatch(r) && ++seen === 2);
    const engine = new SyncEngine({ db: env.db, batchSize: 100, backoff: FAST_BACKOFF });
    const first = await engine.sync({ force: true });
    expect(first).toMatchObject({ batchesSent: 1, queued: 2, connectivity: 'offline' });

    const lost = env.proxy.log.filter(isBatch)[1]!;
    expect(lost).toMatchObject({ outcome: 'dropped', upstream: { status: 200 } });
    const row = env.db
      .prepare('SELECT batch_id, body, last_error FROM outbox ORDER BY id LIMIT 1')
      .get() as QueuedRow & {
      last_error: string;
    };
    expect(row.batch_id).toBe(batchIdOf(lost));
    expect(JSON.parse(row.body)).toEqual(JSON.parse(lost.body));
    expect(row.last_error).toMatch(/^network: /);

    const second = await engine.sync({ force: true });
    expect(second).toMatchObject({ batchesSent: 2, queued: 0, connectivity: 'online' });
    const resend = env.proxy.log.filter(isBatch)[2]!;
    expect([resend.path, resend.body]).toEqual([lost.path, lost.body]);
    // The server's kept answer, word for word: it did not apply the batch a second time.
    expect(resend.upstream!.body).toBe(lost.upstream!.body);
    expect(JSON.parse(resend.upstream!.body)).toMatchObject({ added: 100, count: 200 });
    await engine.stop();
    await expectConverged({ db: env.db, server: env.server.url, token: env.token, joins: 0 });
  });

  it('when the server process is killed during a large sync, the engine resumes after a restart', async () => {
    const database: TestDatabase = await createTestDatabase('sqlite');
    cleanup.push(() => database.drop());
    let server: ServerProcess = await spawnServer(database.url);
    cleanup.push(() => server.kill());
    const proxy = await FaultProxy.start(server.url);
    cleanup.push(() => proxy.close());
    const dir = tempDir();
    const { db }: { db: Db } = storeIn(dir);
    cleanup.push(async () => void db.close());
    const token = await signIn(db, proxy.url);
    await importBook(db, join(dir, 'a.csv'), contacts(0, 3000));

    // The server is killed the moment the tenth batch has reached it, whatever it was doing with it. Its answer,
    // should it manage one before dying, never reaches the client: the kill may land just after it.
    let killed: ProxiedRequest | null = null;
    let puts = 0;
    proxy.plan = (req) => {
      if (!isBatch(req) || ++puts !== 10) return PASS;
      killed = req;
      return { kind: 'drop', phase: 'after' };
    };
    proxy.once('forwarded', function onForwarded(req) {
      if (killed && isBatch(req) && batchIdOf(req) === batchIdOf(killed)) void server.kill('SIGKILL');
      else proxy.once('forwarded', onForwarded);
    });
    const engine = new SyncEngine({ db, batchSize: 50, backoff: FAST_BACKOFF });
    cleanup.push(() => engine.stop());
    const failures: Array<{ error: SyncError; queued: QueuedRow | undefined }> = [];
    engine.on('error', (error) => {
      const queued = db.prepare('SELECT batch_id, body FROM outbox ORDER BY id LIMIT 1').get() as QueuedRow | undefined;
      failures.push({ error, queued });
    });
    engine.start();
    await waitFor('the engine to notice and go offline', () => failures.length >= 3, 60_000);
    expect(engine.status().connectivity).toBe('offline');
    expect(failures.every((f) => f.error.kind === 'network')).toBe(true);
    // The batch that was in flight is the first still queued, as it was sent.
    const inFlight = killed as ProxiedRequest | null;
    expect(inFlight).not.toBeNull();
    expect(failures[0]!.queued!.batch_id).toBe(batchIdOf(inFlight!));
    expect(JSON.parse(failures[0]!.queued!.body)).toEqual(JSON.parse(inFlight!.body));

    // Back on the same database (at another port behind the same address): the engine finds it by itself.
    server = await spawnServer(database.url);
    proxy.upstream = server.url;
    await waitFor('everything sent', () => settled(db), 60_000);
    await engine.stop();
    const resent = proxy.log.filter((e) => isBatch(e) && e.path === inFlight!.path);
    expect(resent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(resent.map((e) => e.body)).size).toBe(1);
    await expectConverged({ db, server: server.url, token, joins: 0 });
  }, 120_000);
});
