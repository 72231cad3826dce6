/**
 * The server benchmark's client, in a process of its own: PUTs 1000-number batches with axios over keep-alive
 * connections, CONCURRENCY at a time, each request from a different account (request q is owner q + 1).
 * `node bench/server-load.ts URL FIRST WARMUP ROUNDS PER_ROUND CONCURRENCY [PREFIX]` prints one JSON object. PREFIX
 * names the batch ids: a second pass with a new prefix re-sends the same numbers as new batches.
 */
import { Agent } from 'node:http';
import axios from 'axios';
import { batchFor, tokenFor } from './server-data.ts';

const [url, first, warmup, rounds, perRound, concurrency, prefix = 'bench-batch'] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string?,
];
const CONCURRENCY = Number(concurrency);

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const client = axios.create({
  baseURL: url,
  httpAgent: agent,
  headers: { 'content-type': 'application/json' },
  timeout: 60_000,
});

interface Request {
  path: string;
  token: string;
  body: string;
  size: number;
}

/** Bodies are built before the clock starts, so that the client's own work stays out of the figures. */
function requests(from: number, count: number): Request[] {
  return Array.from({ length: count }, (_, i) => {
    const q = from + i;
    const add = batchFor(q);
    return {
      path: `/v1/contacts/batches/${prefix}-${q}`,
      token: tokenFor(q + 1),
      body: JSON.stringify({ add }),
      size: add.length,
    };
  });
}

export interface RoundResult {
  requests: number;
  numbers: number;
  /** Numbers the server reported as new to their account. */
  added: number;
  matches: number;
  ms: number;
  numbers_per_s: number;
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
}

async function round(batch: Request[]): Promise<RoundResult> {
  const latencies: number[] = [];
  let next = 0;
  let matches = 0;
  let added = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batch.length) {
      const r = batch[next++]!;
      const t = performance.now();
      const res = await client.put<{ added: number; matches: unknown[] }>(r.path, r.body, {
        headers: { authorization: `Bearer ${r.token}` },
      });
      latencies.push(performance.now() - t);
      matches += res.data.matches.length;
      added += res.data.added;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - started;
  const numbers = batch.reduce((s, r) => s + r.size, 0);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Number(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1));
  return {
    requests: batch.length,
    numbers,
    added,
    matches,
    ms: Math.round(ms),
    numbers_per_s: Math.round(numbers / (ms / 1000)),
    requests_per_s: Number((batch.length / (ms / 1000)).toFixed(1)),
    p50_ms: pct(0.5),
    p99_ms: pct(0.99),
  };
}

let q = Number(first);
const warm = requests(q, Number(warmup));
q += warm.length;
const measured = Array.from({ length: Number(rounds) }, () => {
  const r = requests(q, Number(perRound));
  q += r.length;
  return r;
});
try {
  await round(warm);
  const results: RoundResult[] = [];
  for (const r of measured) results.push(await round(r));
  process.stdout.write(JSON.stringify({ rounds: results, next: q }) + '\n');
} catch (err) {
  const e = err as { message?: string; response?: { status: number; data: unknown } };
  console.error(`load: ${e.message ?? String(err)} ${e.response ? JSON.stringify(e.response.data) : ''}`);
  process.exit(1);
} finally {
  agent.destroy();
}
