/**
 * `npm run bench server`: the sync server's matching throughput and join fan-out on SQLite, PostgreSQL and
 * MariaDB, each seeded with USERS registered users and BOOKS address books, against a floor measured in the
 * same run (the same HTTP stack answering from memory). Server and client run in processes of their own.
 */
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import axios from 'axios';
import { sql } from 'kysely';
import { connect, type Connection } from '../server/db/connect.ts';
import { migrate } from '../server/db/migrate.ts';
import type { DialectName } from '../server/db/schema.ts';
import { newSecret } from '../server/secret.ts';
import { availability, createTestDatabase, DIALECTS } from '../server/testing/databases.ts';
import { BATCH, BOOK_SIZE, BOOKS, JOINER, tokenFor, USERS } from './server-data.ts';
import { measureDirect, type DirectFigures } from './server-direct.ts';
import type { RoundResult } from './server-load.ts';
import { ownerHashes, seed, type SeedReport } from './server-seed.ts';
import { dataMib, tuneDatabase } from './server-tuning.ts';

const CONCURRENCY = 16;
const WARMUP = Number(process.env.KITH_BENCH_WARMUP ?? 100);
const ROUNDS = Number(process.env.KITH_BENCH_ROUNDS ?? 3);
const PER_ROUND = Number(process.env.KITH_BENCH_REQUESTS ?? 400);
/** Batches of each pass without HTTP. */
const DIRECT_BATCHES = Number(process.env.KITH_BENCH_DIRECT ?? 400);
const TARGET_RATIO: Record<DialectName, number> = { sqlite: 0.5, postgres: 0.25, mysql: 0.25 };
const TARGET_JOIN_MS = 1000;
/** KITH_BENCH_DBS=sqlite,postgres limits the run to those databases. */
const WANTED = process.env.KITH_BENCH_DBS ? process.env.KITH_BENCH_DBS.split(',') : DIALECTS;

function log(message: string): void {
  process.stderr.write(`bench server: ${message}\n`);
}

interface Host {
  url: string;
  stop(): Promise<void>;
}

/** Forks bench/server-host.ts and waits for the address it listens on. */
async function startHost(mode: 'real' | 'floor', databaseUrl = ''): Promise<Host> {
  const child = fork(join(import.meta.dirname, 'server-host.ts'), [mode, databaseUrl], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`server host (${mode}) exited with ${code} before listening`);
    }),
  ])) as [{ url: string }];
  return {
    url: message.url,
    async stop() {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

interface Load {
  rounds: RoundResult[];
}

/**
 * Runs bench/server-load.ts against `url`, returning its per-round figures. Batch ids start with `prefix`: the
 * second pass re-sends every account the numbers it already uploaded, as new batches.
 */
async function runLoad(url: string, prefix = 'bench-batch'): Promise<Load> {
  const args = [url, 0, WARMUP, ROUNDS, PER_ROUND, CONCURRENCY, prefix].map(String);
  const child = spawn(process.execPath, [join(import.meta.dirname, 'server-load.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out) as Load;
}

interface Summary {
  numbers_per_s: number;
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  numbers_per_s_rounds: number[];
  added: number;
  matches: number;
}

/** The median round by throughput, with its latencies. */
function summarize(load: Load): Summary {
  const byRate = [...load.rounds].sort((a, b) => a.numbers_per_s - b.numbers_per_s);
  const mid = byRate[Math.floor(byRate.length / 2)]!;
  return {
    numbers_per_s: mid.numbers_per_s,
    requests_per_s: mid.requests_per_s,
    p50_ms: mid.p50_ms,
    p99_ms: mid.p99_ms,
    numbers_per_s_rounds: load.rounds.map((r) => r.numbers_per_s),
    added: load.rounds.reduce((s, r) => s + r.added, 0),
    matches: load.rounds.reduce((s, r) => s + r.matches, 0),
  };
}

async function measureFloor(): Promise<Summary> {
  const host = await startHost('floor');
  try {
    return summarize(await runLoad(host.url));
  } finally {
    await host.stop();
  }
}

interface JoinFigures {
  join_ms: number;
  join_with_code_request_ms: number;
  join_events: number;
}

/** A new account for the number every book holds, through the HTTP verification, then its events counted. */
async function measureJoin(url: string, countEvents: (userId: number) => Promise<number>): Promise<JoinFigures> {
  const t0 = performance.now();
  const started = await axios.post<{ sessionId: string; devCode: string }>(`${url}/v1/verification/start`, {
    e164: JOINER,
  });
  const t1 = performance.now();
  const verified = await axios.post<{ userId: number; newAccount: boolean }>(`${url}/v1/verification/verify`, {
    sessionId: started.data.sessionId,
    code: started.data.devCode,
  });
  const t2 = performance.now();
  if (!verified.data.newAccount) throw new Error(`${JOINER} was already registered`);
  return {
    join_ms: Math.round(t2 - t1),
    join_with_code_request_ms: Math.round(t2 - t0),
    join_events: await countEvents(verified.data.userId),
  };
}

interface DbResult {
  seed: SeedReport;
  load: Summary;
  rematch: Summary;
  join: JoinFigures;
  direct: DirectFigures;
  seedCheck: string;
  settings: Record<string, string | number>;
  dataMib: number;
}

type HttpFigures = Pick<DbResult, 'load' | 'rematch' | 'join' | 'seedCheck'>;

/** The server in a process of its own, under the load generator: new numbers, the same again, then a join. */
async function measureOverHttp(
  dialect: DialectName,
  databaseUrl: string,
  firstHash: string,
  conn: Connection,
): Promise<HttpFigures> {
  const host = await startHost('real', databaseUrl);
  try {
    // Before any upload, the server must agree with the seed about the first owner's set hash.
    const check = await axios.post<{ status: string }>(
      `${host.url}/v1/contacts/check`,
      { setHash: firstHash },
      { headers: { authorization: `Bearer ${tokenFor(1)}` }, validateStatus: () => true },
    );
    const load = summarize(await runLoad(host.url));
    log(`${dialect}: ${load.numbers_per_s} numbers/s new to their accounts`);
    const rematch = summarize(await runLoad(host.url, 'bench-rematch'));
    log(`${dialect}: ${rematch.numbers_per_s} numbers/s already held`);
    const joined = await measureJoin(host.url, async (userId) => {
      const row = await sql<{
        n: number | string;
      }>`select count(*) as n from events where subject_user_id = ${userId}`.execute(conn.db);
      return Number(row.rows[0]!.n);
    });
    return { load, rematch, join: joined, seedCheck: String(check.data.status ?? check.status) };
  } finally {
    await host.stop();
  }
}

async function benchDatabase(dialect: DialectName, hashes: readonly string[]): Promise<DbResult> {
  const database = await createTestDatabase(dialect);
  try {
    const conn = connect(database.url, 2);
    try {
      await migrate(conn.db, dialect, newSecret());
      const seeded = await seed(conn, hashes, WARMUP + ROUNDS * PER_ROUND, Date.now());
      log(`${dialect}: seeded in ${seeded.seconds} s`);
      const size = await dataMib(conn);
      const tuning = await tuneDatabase(conn, database.url);
      try {
        const http = await measureOverHttp(dialect, database.url, hashes[0]!, conn);
        // With the server stopped, on batches its rounds did not send.
        const direct = await measureDirect(database.url, WARMUP + ROUNDS * PER_ROUND, DIRECT_BATCHES, CONCURRENCY);
        log(`${dialect}: ${direct.numbers_per_s} new and ${direct.rematch_numbers_per_s} held numbers/s without HTTP`);
        return { ...http, direct, seed: seeded, settings: tuning.settings, dataMib: size };
      } finally {
        await tuning.restore();
      }
    } finally {
      await conn.db.destroy();
    }
  } finally {
    await database.drop();
  }
}

export async function benchServer(): Promise<Record<string, unknown>> {
  const started = performance.now();
  const hashes = ownerHashes();
  log(`owner set hashes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const floors = [await measureFloor()];
  log(`floor: ${floors[0]!.numbers_per_s} numbers/s`);

  const results = new Map<DialectName, DbResult | string>();
  for (const dialect of DIALECTS.filter((d) => WANTED.includes(d))) {
    const unreachable = await availability(dialect);
    results.set(dialect, unreachable ?? (await benchDatabase(dialect, hashes)));
  }
  // Measured again at the end, so that a quiet or busy spell does not favour either side; the higher one counts.
  floors.push(await measureFloor());
  const floor = floors.reduce((a, b) => (b.numbers_per_s > a.numbers_per_s ? b : a));

  let allMet = true;
  for (const [dialect, r] of results) {
    if (typeof r === 'string') {
      process.stdout.write(JSON.stringify({ bench: 'server', db: dialect, skipped: r }) + '\n');
      continue;
    }
    const ratio = r.load.numbers_per_s / floor.numbers_per_s;
    const rematchRatio = r.rematch.numbers_per_s / floor.numbers_per_s;
    const metBy = {
      ratio_to_floor: ratio >= TARGET_RATIO[dialect],
      rematch_ratio_to_floor: rematchRatio >= TARGET_RATIO[dialect],
      join_ms: r.join.join_ms <= TARGET_JOIN_MS && r.join.join_events === BOOKS,
    };
    allMet &&= metBy.ratio_to_floor && metBy.join_ms;
    const line = {
      bench: 'server',
      db: dialect,
      users: r.seed.users,
      contacts: r.seed.contacts,
      seed_s: r.seed.seconds,
      seed_check: r.seedCheck,
      data_mib: r.dataMib,
      db_settings: r.settings,
      batch: BATCH,
      concurrency: CONCURRENCY,
      requests: PER_ROUND,
      rounds: ROUNDS,
      ...r.load,
      matches_agree: r.load.matches === floor.matches,
      floor_numbers_per_s: floor.numbers_per_s,
      floor_requests_per_s: floor.requests_per_s,
      floor_p50_ms: floor.p50_ms,
      floor_p99_ms: floor.p99_ms,
      ratio_to_floor: Number(ratio.toFixed(3)),
      // The same batches again, as new batch ids from the same accounts: every number is already held, so this is
      // matching with the idempotency record and no reverse-index writes.
      rematch: {
        numbers_per_s: r.rematch.numbers_per_s,
        requests_per_s: r.rematch.requests_per_s,
        p50_ms: r.rematch.p50_ms,
        p99_ms: r.rematch.p99_ms,
        numbers_per_s_rounds: r.rematch.numbers_per_s_rounds,
        added: r.rematch.added,
        matches_agree: r.rematch.matches === floor.matches,
        ratio_to_floor: Number(rematchRatio.toFixed(3)),
      },
      ...r.join,
      // The same kind of batches through applyBatch in the bench process: the database's share alone, about what
      // the figures above would reach if everything around the database cost nothing.
      without_http: {
        batches: r.direct.batches,
        numbers_per_s: r.direct.numbers_per_s,
        ratio_to_floor: Number((r.direct.numbers_per_s / floor.numbers_per_s).toFixed(3)),
        rematch_numbers_per_s: r.direct.rematch_numbers_per_s,
        rematch_ratio_to_floor: Number((r.direct.rematch_numbers_per_s / floor.numbers_per_s).toFixed(3)),
      },
      target: { ratio_to_floor: TARGET_RATIO[dialect], join_ms: TARGET_JOIN_MS, join_events: BOOKS },
      met: metBy.ratio_to_floor && metBy.join_ms,
      met_by: metBy,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  }
  return {
    bench: 'server',
    db: 'all',
    users: USERS,
    books: BOOKS,
    book_size: BOOK_SIZE,
    floor_numbers_per_s: floor.numbers_per_s,
    floor_numbers_per_s_runs: floors.map((f) => f.numbers_per_s),
    target: TARGET_RATIO,
    met: allMet,
    runtime_s: Math.round((performance.now() - started) / 1000),
  };
}
