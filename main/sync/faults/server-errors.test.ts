/**
 * The server is there but failing: 500s are retried with backoff, 429s wait for Retry-After (even when the user
 * asks to retry now), and a failure outside batch upload (the event pull, the set check) is retried too.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../../protocol/api.ts';
import { login } from '../../../server/testing/client.ts';
import { setSetting } from '../../store/settings.ts';
import { backoffDelay, type BackoffOptions } from '../backoff.ts';
import { SyncEngine } from '../engine.ts';
import type { SyncError } from '../errors.ts';
import { expectConverged, settled } from '../../testing/convergence.ts';
import { batchIdOf, isBatch, type LogEntry, type ProxiedRequest } from '../../testing/fault-proxy.ts';
import {
  contacts,
  FAST_BACKOFF,
  importBook,
  phoneNumber,
  proxiedSetup,
  waitFor,
  type Proxied,
} from '../../testing/sync-fixture.ts';

interface OutboxRow {
  batch_id: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

let env: Proxied;

afterEach(async () => {
  await env.close();
});

/** A background engine, with every failure recorded along with the outbox row it left behind. */
function background(batchSize: number, backoff: BackoffOptions = FAST_BACKOFF) {
  const engine = new SyncEngine({ db: env.db, batchSize, backoff });
  const failures: Array<{ error: SyncError; row: OutboxRow | undefined; connectivity: string }> = [];
  const shown: number[] = [];
  engine.on('error', (error) => {
    const row = env.db
      .prepare(`SELECT batch_id, attempts, next_attempt_at, last_error FROM outbox WHERE last_error IS NOT NULL`)
      .get() as OutboxRow | undefined;
    failures.push({ error, row, connectivity: engine.status().connectivity });
  });
  engine.on('joined', (events: InboxEvent[]) => shown.push(...events.map((e) => e.id)));
  return { engine, failures, shown };
}

/** Runs the engine in the background until everything is sent. */
async function untilSettled(engine: SyncEngine): Promise<void> {
  engine.start();
  try {
    await waitFor('everything sent', () => settled(env.db));
  } finally {
    await engine.stop();
  }
}

const batches = () => env.proxy.log.filter(isBatch);
const answered = (e: LogEntry) => e.fault.kind === 'pass' && e.upstream?.status === 200;

describe('500 and 429 from a fault proxy', () => {
  beforeEach(async () => {
    env = await proxiedSetup();
  });

  it('resends the same batch with growing waits after 500s, never before its time', async () => {
    await importBook(env.db, join(env.dir, 'a.csv'), contacts(0, 400));
    env.proxy.next({ kind: 'status', status: 500 }, isBatch, 3);
    const { engine, failures, shown } = background(100);
    await untilSettled(engine);

    expect(failures.map((f) => [f.error.kind, f.error.status, f.connectivity])).toEqual(
      Array(3).fill(['server', 500, 'online']),
    );
    const [first, ...rest] = batches();
    // The failed batch went out four times, byte for byte the same, before any other batch.
    const tries = [first!, ...rest.slice(0, 3)];
    expect(tries.map((t) => [t.path, t.body])).toEqual(Array(4).fill([first!.path, first!.body]));
    expect(tries.map((t) => t.fault.kind === 'status')).toEqual([true, true, true, false]);
    expect(answered(tries[3]!)).toBe(true);
    for (let i = 0; i < 3; i++) {
      const row = failures[i]!.row!;
      expect(row).toMatchObject({ batch_id: batchIdOf(first!), attempts: i + 1 });
      expect(row.last_error).toMatch(/^server: PUT .* 500/);
      expect(row.next_attempt_at - tries[i]!.answeredAt!).toBeGreaterThanOrEqual(
        backoffDelay(i, FAST_BACKOFF, () => 0),
      );
      expect(tries[i + 1]!.receivedAt).toBeGreaterThanOrEqual(row.next_attempt_at);
    }
    await expectConverged({ db: env.db, server: env.server.url, token: env.token, joins: 0, shown });
  });

  it('waits out Retry-After on a 429, even when the user asks to retry now', async () => {
    await importBook(env.db, join(env.dir, 'a.csv'), contacts(0, 500));
    let seen = 0;
    env.proxy.next({ kind: 'status', status: 429, retryAfter: 1 }, (r) => isBatch(r) && ++seen === 2);
    const { engine, failures, shown } = background(100);
    engine.start();
    try {
      await waitFor('the 429', () => failures.length === 1);
      // Neither the retry button nor a forced one-pass sync may send before the server said.
      const retried = await engine.retryNow();
      expect(retried.queued).toBeGreaterThan(0);
      const forced = await engine.sync({ force: true });
      expect(forced.queued).toBeGreaterThan(0);
      await waitFor('everything sent', () => settled(env.db));
    } finally {
      await engine.stop();
    }

    const { error, row, connectivity } = failures[0]!;
    expect([error.kind, error.status, error.retryAfterMs, connectivity]).toEqual(['rate_limited', 429, 1000, 'online']);
    const limited = batches()[1]!;
    expect(row).toMatchObject({ batch_id: batchIdOf(limited), attempts: 1 });
    expect(row!.next_attempt_at - limited.answeredAt!).toBeGreaterThanOrEqual(1000);
    // Nothing went out until then, and the batch was the first to go when it did.
    const after = batches().filter((b) => b.seq > limited.seq);
    expect(after[0]).toMatchObject({ path: limited.path, body: limited.body });
    expect(after[0]!.receivedAt).toBeGreaterThanOrEqual(row!.next_attempt_at);
    expect(after.every(answered)).toBe(true);
    await expectConverged({ db: env.db, server: env.server.url, token: env.token, joins: 0, shown });
  });

  it('retries a failed event pull, so the stream opens and joins arrive', async () => {
    await importBook(env.db, join(env.dir, 'a.csv'), contacts(0, 200));
    const pull = (r: ProxiedRequest) => r.method === 'GET' && r.path.startsWith('/v1/events?');
    env.proxy.next({ kind: 'status', status: 500 }, pull, 2);
    const { engine, failures, shown } = background(100);
    const registered = new Map<string, number>();
    engine.start();
    try {
      await waitFor('everything sent', () => settled(env.db));
      await waitFor('two failed pulls', () => failures.length === 2, 10_000);
      registered.set(phoneNumber(7), (await login(env.server.url, phoneNumber(7))).userId);
      await waitFor('the join event', () => shown.length === 1, 15_000);
    } finally {
      await engine.stop();
    }
    expect(failures.map((f) => f.error.status)).toEqual([500, 500]);
    await expectConverged({
      db: env.db,
      server: env.server.url,
      token: env.token,
      joins: 1,
      shown,
      registered,
    });
  });

  /** Requests matching `match` went out with at least the backoff wait after each failed one. */
  function expectBackoff(match: (r: ProxiedRequest) => boolean, backoff: BackoffOptions, failures: number): void {
    const sent = env.proxy.log.filter(match);
    expect(sent.map((c) => c.fault.kind)).toEqual([...Array(failures).fill('status'), 'pass']);
    for (let i = 1; i < sent.length; i++) {
      const floor = backoffDelay(i - 1, backoff, () => 0);
      expect(sent[i]!.receivedAt - sent[i - 1]!.answeredAt!, `wait before attempt ${i}`).toBeGreaterThanOrEqual(floor);
    }
  }

  // Waits long enough that asking again at once could not pass for backing off.
  const slow = { baseMs: 300, maxMs: 600 };

  it('backs off when the set check fails, rather than asking again at once', async () => {
    await importBook(env.db, join(env.dir, 'a.csv'), contacts(0, 100));
    // Reconciliation is due, and the server fails it three times.
    setSetting(env.db, 'next_reconcile_at', '1');
    const check = (r: ProxiedRequest) => r.path === '/v1/contacts/check';
    env.proxy.next({ kind: 'status', status: 500 }, check, 3);
    const { engine, shown } = background(100, slow);
    engine.start();
    try {
      await waitFor('a set check that succeeds', () => env.proxy.log.some((e) => check(e) && answered(e)));
    } finally {
      await engine.stop();
    }
    expectBackoff(check, slow, 3);
    await expectConverged({ db: env.db, server: env.server.url, token: env.token, joins: 0, shown });
  });

  it('backs off after a 401 rather than resending at once', async () => {
    await importBook(env.db, join(env.dir, 'a.csv'), contacts(0, 100));
    const refused = { error: 'unauthorized', message: 'the session is not valid' };
    env.proxy.next({ kind: 'status', status: 401, body: refused }, isBatch, 3);
    const { engine, failures, shown } = background(100, slow);
    await untilSettled(engine);
    expect(failures.map((f) => f.error.kind)).toEqual(['unauthorized', 'unauthorized', 'unauthorized']);
    expectBackoff(isBatch, slow, 3);
    await expectConverged({ db: env.db, server: env.server.url, token: env.token, joins: 0, shown });
  });
});

describe('429 from the real server', () => {
  beforeEach(async () => {
    // Room for 150 new numbers, refilled at 100 a second: every other batch of 100 must wait about a second.
    env = await proxiedSetup({ budget: { capacity: 150, refillPerHour: 360_000 } });
  });

  it('follows the server’s Retry-After until the budget lets every batch through', async () => {
    await importBook(env.db, join(env.dir, 'a.csv'), contacts(0, 400));
    const { engine, failures, shown } = background(100);
    await untilSettled(engine);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f.error).toMatchObject({ kind: 'rate_limited', status: 429 });
      expect(f.error.retryAfterMs).toBeGreaterThanOrEqual(1000);
    }
    // Each refused batch went out again with the same body, no earlier than the server said.
    const sent = batches();
    sent.forEach((b, i) => {
      if (b.upstream?.status !== 429) return;
      const wait = Number(b.upstream.headers['retry-after']) * 1000;
      expect(wait).toBeGreaterThanOrEqual(1000);
      const again = sent.slice(i + 1).find((x) => x.path === b.path)!;
      expect(again.body).toBe(b.body);
      expect(again.receivedAt - b.answeredAt!).toBeGreaterThanOrEqual(wait);
    });
    await expectConverged({ db: env.db, server: env.server.url, token: env.token, joins: 0, shown });
  });
});
