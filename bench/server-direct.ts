/**
 * The database's share of the server benchmark: the same kind of batches applied through `applyBatch` in this
 * process, CONCURRENCY at a time, with no HTTP, validation or client in the way. What it reaches is the most the
 * HTTP figures could reach on this data model, however cheap everything around the database became.
 */
import { DEFAULT_BUDGET, defaultPool } from '../server/config.ts';
import { applyBatch } from '../server/contacts/upload.ts';
import { connect } from '../server/db/connect.ts';
import { newSecret } from '../server/secret.ts';
import { batchFor } from './server-data.ts';

export interface DirectFigures {
  /** Numbers new to their accounts. */
  numbers_per_s: number;
  /** The same numbers again, as new batches. */
  rematch_numbers_per_s: number;
  /** Counted batches of each pass, after a tenth as many more uncounted. */
  batches: number;
}

/**
 * Batches from `from` on (owner q + 1 sends batch q), which the HTTP rounds did not send, so that each owner's
 * numbers are still new to it on the first pass: `count` counted, after a tenth as many uncounted.
 */
export async function measureDirect(
  databaseUrl: string,
  from: number,
  count: number,
  concurrency: number,
): Promise<DirectFigures> {
  // Pooled as the server pools its connections.
  const conn = connect(databaseUrl, defaultPool());
  // Its batch ids are its own, so no other process needs to share this secret.
  const secret = newSecret();
  try {
    // A tenth as many again, first and uncounted, opens the pool's connections and warms the caches.
    const warm = Math.ceil(count / 10);
    const total = warm + count;
    const batches = Array.from({ length: total }, (_, i) => batchFor(from + i));
    // Batches first..last - 1, returning numbers per second.
    const pass = async (prefix: string, first: number, last: number) => {
      let next = first;
      const started = performance.now();
      const worker = async () => {
        while (next < last) {
          const i = next++;
          const batch = { batchId: `${prefix}-${from + i}`, add: batches[i]!, remove: [] };
          await applyBatch(conn, secret, from + i + 1, batch, DEFAULT_BUDGET, Date.now());
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const numbers = batches.slice(first, last).reduce((s, b) => s + b.length, 0);
      return Math.round(numbers / ((performance.now() - started) / 1000));
    };
    await pass('direct-batch', 0, warm);
    const numbers_per_s = await pass('direct-batch', warm, total);
    await pass('direct-rematch', 0, warm);
    const rematch_numbers_per_s = await pass('direct-rematch', warm, total);
    return { numbers_per_s, rematch_numbers_per_s, batches: count };
  } finally {
    await conn.db.destroy();
  }
}
