/**
 * One sync pass in a process of its own, to be killed at random points:
 *   node main/testing/sync-child.ts DB [--batch-size N] [--reconcile] [--wait]
 * With --wait it loads everything, prints `loaded` and waits for a line on stdin before it opens the store (so a
 * test can start the next process while the current one runs); a line `go reconcile` asks for reconciliation too.
 * Prints `ready` once the store is open, a `progress done/total` line per batch, and the summary as JSON at the end.
 * Exits 0 when everything went out, 3 when batches remain queued (as `kith sync` does), 1 on another error.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openStore } from '../store/open.ts';
import { SyncEngine } from '../sync/engine.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'batch-size': { type: 'string' }, reconcile: { type: 'boolean' }, wait: { type: 'boolean' } },
});
const path = positionals[0];
if (!path) throw new Error('usage: sync-child.ts DB [--batch-size N] [--reconcile] [--wait]');

let reconcile = values.reconcile ?? false;
if (values.wait) {
  process.stdout.write('loaded\n');
  const lines = createInterface({ input: process.stdin });
  const line = await new Promise<string>((resolve) => lines.once('line', resolve));
  lines.close();
  if (line.split(' ').includes('reconcile')) reconcile = true;
}

const db = openStore(path);
const engine = new SyncEngine({
  db,
  batchSize: Number(values['batch-size'] ?? 50),
  backoff: { baseMs: 20, maxMs: 200 },
});
engine.on('progress', (p) => process.stdout.write(`progress ${p.done}/${p.total}\n`));
process.stdout.write('ready\n');
try {
  const summary = await engine.sync({ pullEvents: true, force: true, reconcile });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = summary.queued > 0 ? 3 : summary.error ? 1 : 0;
} finally {
  await engine.stop();
  db.close();
}
