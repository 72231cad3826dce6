import { openStore, type Db } from '../../store/open.ts';
import { uploadLog, uploadRuns, type UploadRun } from '../../sync/history.ts';
import { joinedContacts } from '../../sync/names.ts';
import { dbOption, parseCommand } from '../args.ts';
import { UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const joinedUsage = 'kith joined [--json] [--db PATH]';
export const logUsage = 'kith log [--json] [--limit N] [--db PATH]';

export function runJoined(argv: string[]): number {
  const { values, positionals } = parseCommand('joined', argv, { ...dbOption, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`kith joined: unexpected argument ${positionals[0]}`);
  const db = openStore(resolveDbPath(values.db));
  try {
    const joined = joinedContacts(db);
    if (values.json) {
      process.stdout.write(
        JSON.stringify(
          joined.map((j) => ({ name: j.name, e164: j.e164 })),
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    for (const j of joined) console.log(`${j.name}  ${j.saved ? j.e164 : ''}`.trimEnd());
    console.log(`${joined.length} contact${joined.length === 1 ? '' : 's'} on Kith`);
    return 0;
  } finally {
    db.close();
  }
}

export function runLog(argv: string[]): number {
  const { values, positionals } = parseCommand('log', argv, {
    ...dbOption,
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`kith log: unexpected argument ${positionals[0]}`);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('kith log: --limit is a whole number ≥ 1');
  const db = openStore(resolveDbPath(values.db));
  try {
    const entries = uploadLog(db, limit);
    if (values.json) {
      process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
      return 0;
    }
    if (entries.length === 0) console.log('Nothing has been uploaded.');
    // Each sync run's batches come together, newest first, under one line with the run's totals.
    const runs = runTotals(db, entries.length);
    let run: string | null = null;
    for (const e of entries) {
      if (e.runId !== null && e.runId !== run) {
        const total = runs.get(e.runId);
        if (total) console.log(runLine(total));
      }
      run = e.runId;
      const when = new Date(e.at).toISOString();
      console.log(
        `${when}  ${e.result.padEnd(8)} batch ${e.batchId}: +${e.added.length} −${e.removed.length}${e.detail ? `  (${e.detail})` : ''}`,
      );
      for (const n of e.added) console.log(`    + ${n}`);
      for (const n of e.removed) console.log(`    − ${n}`);
    }
    return 0;
  } finally {
    db.close();
  }
}

/** The totals of the runs among the newest `batches` log rows (a run has at least one row, so no more runs). */
function runTotals(db: Db, batches: number): Map<string, UploadRun> {
  const runs = new Map<string, UploadRun>();
  for (const r of uploadRuns(db, batches)) if (r.runId !== null) runs.set(r.runId, r);
  return runs;
}

/** `Sync at 2030-01-01T10:02:00.000Z: 1234 numbers added, 0 removed in 3 batches (1 refused)`. */
function runLine(r: UploadRun): string {
  const batches = `${r.batches} batch${r.batches === 1 ? '' : 'es'}`;
  const refused = r.refusedBatches > 0 ? ` (${r.refusedBatches} refused)` : '';
  return `Sync at ${new Date(r.at).toISOString()}: ${r.added} number${r.added === 1 ? '' : 's'} added, ${r.removed} removed in ${batches}${refused}`;
}
