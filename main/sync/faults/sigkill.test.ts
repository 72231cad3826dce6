/**
 * The client process is SIGKILLed at random points of a sync, again and again, with the address book edited and
 * contacts joining between runs. After every kill the store must be intact and consistent; at the end, after one
 * sync that is left to finish, the server must hold exactly what the address book wants and every join be shown once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../../server/testing/client.ts';
import { createTestDatabase, type TestDatabase } from '../../../server/testing/databases.ts';
import { openStore, type Db } from '../../store/open.ts';
import { setExclusion } from '../exclusions.ts';
import { expectConsistent, expectConverged } from '../../testing/convergence.ts';
import { serverNumbers, wantedNumbers } from '../../testing/sync-harness.ts';
import { batchIdOf, FaultProxy, isBatch, seededRandom, type LogEntry } from '../../testing/fault-proxy.ts';
import {
  contacts,
  importBook,
  phoneNumber,
  ROOT,
  serve,
  signIn,
  storeIn,
  waitFor,
  type Contact,
  type Served,
} from '../../testing/sync-fixture.ts';

const CHILD = join(ROOT, 'main', 'testing', 'sync-child.ts');
/** Two lanes of 25 kills run side by side (each its own user, store and proxy): 50 kills in all. */
const LANES = 2;
const KILLS_PER_LANE = 25;
const MAX_RUNS = 80;
/** Children loading ahead of their turn, per lane. */
const AHEAD = 1;
const SEED = Number(process.env.KITH_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Landing = 'startup' | 'mid-batch' | 'between' | 'completed';

interface Run {
  landing: Landing;
  /** Mid-batch: the server applied the batch and the client died waiting for the answer. */
  answerLost: boolean;
  /** Mid-batch: the client had the whole answer and died before recording it. */
  answerUnrecorded: boolean;
}

/** Batches the next sync will send: those queued, and the pending numbers cut 50 at a time (as outbox.ts does). */
const PENDING_BATCHES = `SELECT (SELECT count(*) FROM outbox) + (SELECT (count(*) + 49) / 50 FROM numbers
  WHERE outbox_id IS NULL AND rejected IS NULL AND ((state = 'new' AND refs > 0) OR state = 'pending_removal'))`;

let database: TestDatabase;
let server: Served;

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  server = await serve(database.url);
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

interface Outcome {
  wentAt: number;
  readyAt: number | null;
  endedAt: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * A sync child started ahead of its turn: it loads while the previous one runs, and only opens the store when told
 * to go. Node takes far longer to load the engine than to sync a few batches, so this keeps the loop short.
 */
class SyncChild {
  private readonly child: ChildProcess;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly lines: string[] = [];
  private readonly waiters: Array<{ line: string; resolve: () => void }> = [];

  constructor(storePath: string) {
    this.child = spawn(process.execPath, [CHILD, storePath, '--batch-size', '50', '--wait'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      for (const w of this.waiters.filter((x) => x.line === line)) w.resolve();
    });
    this.child.stderr!.on('data', (d: Buffer) => this.lines.push(d.toString()));
  }

  private seen(line: string): Promise<void> {
    if (this.lines.includes(line)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ line, resolve }));
  }

  /** Runs one sync; SIGKILL after `kill.ms` from go (while it opens the store) or from ready (while it syncs). */
  async run(reconcile: boolean, kill: { from: 'go' | 'ready'; ms: number } | null): Promise<Outcome> {
    await Promise.race([this.seen('loaded'), this.exited]);
    let readyAt: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    const arm = (ms: number) => (timer = setTimeout(() => this.child.kill('SIGKILL'), ms));
    const wentAt = Date.now();
    this.child.stdin!.end(reconcile ? 'go reconcile\n' : 'go\n');
    if (kill?.from === 'go') arm(kill.ms);
    void this.seen('ready').then(() => {
      readyAt = Date.now();
      if (kill?.from === 'ready') arm(kill.ms);
    });
    const { code, signal } = await this.exited;
    if (timer) clearTimeout(timer);
    return { wentAt, readyAt, endedAt: Date.now(), code, signal, output: this.lines.join('\n') };
  }

  async discard(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * One lane: a user whose numbers no other lane touches (so joins fan out to this user only), a proxy that logs what
 * each run sent, and a loop of runs killed at random until `wanted` kills have landed.
 */
async function killLoop(lane: number, wanted: number, seed: number) {
  const base = lane * 100_000;
  const proxy = await FaultProxy.start(server.url);
  // Not tempDir(): its clean-up hook cannot tell concurrent tests apart, and would remove this folder when the other
  // lane finishes first.
  const dir = mkdtempSync(join(tmpdir(), 'kith-sigkill-'));
  try {
    const random = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const { path: storePath, db: first } = storeIn(dir);
    const token = await signIn(first, proxy.url, phoneNumber(base + 99_999));
    const bookA = join(dir, 'a.csv');
    const bookB = join(dir, 'b.csv');
    const bookC = join(dir, 'c.csv');
    // Two files sharing 500 numbers, so some numbers are held twice: 3000 distinct numbers to begin with. A third,
    // small file is rewritten between runs (re-reading a large file each time would cost more than a sync).
    let a: Contact[] = contacts(base, 2500);
    const b: Contact[] = contacts(base + 2000, 1000).map((c, k) => ({ ...c, name: `Friend ${base + 2000 + k}` }));
    let c: Contact[] = [];
    await importBook(first, bookA, a);
    await importBook(first, bookB, b);
    first.close();

    let fresh = base + 10_000;
    let expectedJoins = 0;
    const registered = new Map<string, number>();
    const excluded: string[] = [];
    const dropSome = (list: Contact[], most: number): Contact[] => {
      const gone = new Set<number>();
      for (let k = Math.floor(random() * most); k > 0; k--) gone.add(Math.floor(random() * list.length));
      return list.filter((_, i) => !gone.has(i));
    };

    /** Between runs, with no client running: edit the address book, and now and then let a contact join. */
    const edit = async (db: Db): Promise<void> => {
      if (random() < 0.15) {
        // A contact whose number the server holds joins: one join event for this user.
        const held = (await serverNumbers(server.url, token)).filter((n) => !registered.has(n));
        if (held.length > 0) {
          const e164 = pick(held);
          registered.set(e164, (await login(server.url, e164)).userId);
          expectedJoins++;
        }
      }
      if (random() < 0.1) {
        // Someone not yet uploaded joins, then is added: no event, the batch answer names them.
        const e164 = phoneNumber(fresh++);
        registered.set(e164, (await login(server.url, e164)).userId);
        c.push({ name: `Joined ${e164}`, phones: [e164] });
      }
      if (random() < 0.1) {
        a = dropSome(a, 40);
        await importBook(db, bookA, a);
      }
      if (random() < 0.85) {
        c = dropSome(c, 40);
        for (let k = Math.floor(random() * 5); k > 0 && c.length > 0; k--) {
          const i = Math.floor(random() * c.length);
          c[i] = { ...c[i]!, phones: [phoneNumber(fresh++)] };
        }
        for (let k = Math.floor(random() * 80); k > 0; k--) {
          const own = phoneNumber(fresh++);
          // Now and then a second number that a contact in the large file has too.
          c.push({ name: `Contact ${own}`, phones: random() < 0.1 ? [own, pick(pick(a).phones)] : [own] });
        }
        await importBook(db, bookC, c);
      }
      if (random() < 0.2) {
        const e164 = pick(wantedNumbers(db));
        setExclusion(db, e164, true, Date.now());
        excluded.push(e164);
      }
      if (random() < 0.1 && excluded.length > 0) {
        setExclusion(db, excluded.splice(Math.floor(random() * excluded.length), 1)[0]!, false, Date.now());
      }
      if (random() < 0.1)
        setExclusion(db, pick(random() < 0.5 || c.length === 0 ? a : c).name, random() < 0.7, Date.now());
    };

    const runs: Run[] = [];
    let kills = 0;
    // Kills are spread over the time the run should take: its batches at the pace seen so far, and a little more
    // for the event pull after them, so that some land before, most during and some after the batches.
    let batchMs = 80;
    let openMs = 100;
    // Children load ahead of their turn, since loading takes longer than a sync of a few batches.
    const ahead = Array.from({ length: AHEAD }, () => new SyncChild(storePath));
    try {
      for (let i = 0; kills < wanted && i < MAX_RUNS; i++) {
        const db = openStore(storePath);
        let expectedMs: number;
        try {
          if (i > 0) await edit(db);
          expectedMs = ((db.prepare(PENDING_BATCHES).pluck().get() as number) + 2) * batchMs;
        } finally {
          db.close();
        }
        const before = proxy.log.length;
        const kill =
          random() < 0.1
            ? { from: 'go' as const, ms: Math.floor(random() * openMs) }
            : { from: 'ready' as const, ms: Math.floor(random() * expectedMs * 1.2) };
        const current = ahead.shift()!;
        ahead.push(new SyncChild(storePath));
        const result = await current.run(random() < 0.2, kill);
        if (result.readyAt !== null) openMs = 0.7 * openMs + 0.3 * (result.readyAt - result.wentAt);
        // A request the child started may still be reaching the server: let it land before looking.
        await waitFor('the proxy to be idle', () => proxy.inFlight().length === 0, 10_000);

        const puts = proxy.log.slice(before).filter(isBatch);
        for (let k = 1; k < puts.length; k++) {
          batchMs = 0.9 * batchMs + 0.1 * Math.max(5, puts[k]!.receivedAt - puts[k - 1]!.receivedAt);
        }
        const check = openStore(storePath);
        try {
          expectConsistent(check, `after run ${i} (lane ${lane}, seed ${seed})`);
          const queued = new Set(check.prepare('SELECT batch_id FROM outbox').pluck().all() as string[]);
          const unrecorded = puts.filter((p) => queued.has(batchIdOf(p)));
          const killed = result.signal === 'SIGKILL';
          if (killed) kills++;
          else expect(result.code, `run ${i} (lane ${lane}, seed ${seed}) ended by itself: ${result.output}`).toBe(0);
          runs.push({
            landing: !killed
              ? 'completed'
              : result.readyAt === null
                ? 'startup'
                : unrecorded.length > 0
                  ? 'mid-batch'
                  : 'between',
            answerLost: unrecorded.some((p) => p.upstream?.status === 200 && p.outcome === 'client-gone'),
            answerUnrecorded: unrecorded.some((p) => p.outcome === 'answered'),
          });
        } finally {
          check.close();
        }
      }
      // One last sync, left to finish, with reconciliation.
      const last = await ahead.shift()!.run(true, null);
      expect(last.code, last.output).toBe(0);
    } finally {
      await Promise.all(ahead.map((child) => child.discard()));
    }

    const db = openStore(storePath);
    try {
      await expectConverged({ db, server: server.url, token, joins: expectedJoins, registered });
    } finally {
      db.close();
    }

    // Every resend of a batch carried the same numbers and got the same answer: the server applied it once.
    const byBatch = new Map<string, LogEntry[]>();
    for (const e of proxy.log.filter(isBatch)) byBatch.set(batchIdOf(e), [...(byBatch.get(batchIdOf(e)) ?? []), e]);
    let resent = 0;
    for (const [id, sends] of byBatch) {
      if (sends.length > 1) resent++;
      expect(new Set(sends.map((s) => s.body)).size, `bodies of ${id}`).toBe(1);
      const answers = sends.filter((s) => s.upstream?.status === 200).map((s) => s.upstream!.body);
      expect(new Set(answers).size, `answers to ${id}`).toBeLessThanOrEqual(1);
    }

    const count = (l: Landing) => runs.filter((r) => r.landing === l).length;
    const stats = {
      lane,
      seed,
      runs: runs.length,
      kills,
      startup: count('startup'),
      midBatch: count('mid-batch'),
      answerLost: runs.filter((r) => r.answerLost).length,
      answerUnrecorded: runs.filter((r) => r.answerUnrecorded).length,
      between: count('between'),
      completed: count('completed'),
      batches: byBatch.size,
      resent,
      joins: expectedJoins,
      registered: registered.size,
      numbers: (await serverNumbers(server.url, token)).length,
    };
    expect(kills).toBeGreaterThanOrEqual(wanted);
    return stats;
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const totals: Array<Awaited<ReturnType<typeof killLoop>>> = [];

describe.concurrent('SIGKILL during sync', () => {
  for (let lane = 0; lane < LANES; lane++) {
    it(`lane ${lane}: ${KILLS_PER_LANE} kills, a consistent store after each, convergence after (seed ${SEED + lane})`, async () => {
      totals.push(await killLoop(lane, KILLS_PER_LANE, SEED + lane));
    }, 300_000);
  }
});

afterAll(() => {
  if (totals.length < LANES) return;
  console.log(`sigkill: ${totals.map((t) => JSON.stringify(t)).join('\n         ')}`);
  const sum = (k: 'kills' | 'midBatch') => totals.reduce((n, t) => n + t[k], 0);
  expect(sum('kills')).toBeGreaterThanOrEqual(LANES * KILLS_PER_LANE);
  expect(sum('midBatch'), 'kills that landed with a batch in flight').toBeGreaterThanOrEqual(5);
});
