import { formatDateTime, t } from '../../../i18n/index.ts';
import { openStore, type Db } from '../../store/open.ts';
import { uploadLog, uploadRuns, type UploadRun } from '../../sync/history.ts';
import { joinedContacts } from '../../sync/names.ts';
import { dbOption, parseCommand } from '../args.ts';
import { UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const joinedUsage = t('cli.usage.joined');
export const logUsage = t('cli.usage.log');

export function runJoined(argv: string[]): number {
  const { values, positionals } = parseCommand('joined', argv, { ...dbOption, json: { type: 'boolean' } });
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'joined', argument: positionals[0] }));
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
    for (const j of joined) console.log(t('cli.joined.line', { name: j.name, e164: j.saved ? j.e164 : '' }).trimEnd());
    console.log(t('cli.joined.count', { count: joined.length }));
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
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'log', argument: positionals[0] }));
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(t('cli.log.limit'));
  const db = openStore(resolveDbPath(values.db));
  try {
    const entries = uploadLog(db, limit);
    if (values.json) {
      process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
      return 0;
    }
    if (entries.length === 0) console.log(t('cli.log.empty'));
    // Each sync run's batches come together, newest first, under one line with the run's totals.
    const runs = runTotals(db, entries.length);
    let run: string | null = null;
    for (const e of entries) {
      if (e.runId !== null && e.runId !== run) {
        const total = runs.get(e.runId);
        if (total) console.log(runLine(total));
      }
      run = e.runId;
      const line = {
        at: formatDateTime(e.at),
        result: e.result.padEnd(8),
        batchId: e.batchId,
        added: e.added.length,
        removed: e.removed.length,
        detail: e.detail,
      };
      console.log(t(e.detail ? 'cli.log.batchDetail' : 'cli.log.batch', line));
      for (const n of e.added) console.log(t('cli.log.added', { e164: n }));
      for (const n of e.removed) console.log(t('cli.log.removed', { e164: n }));
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

/** `Sync at Jan 1, 2030, 10:02 AM: 1,234 numbers added, 0 removed in 3 batches (1 refused)`. */
function runLine(r: UploadRun): string {
  const values = {
    at: formatDateTime(r.at),
    added: r.added,
    removed: r.removed,
    batches: r.batches,
    refused: r.refusedBatches,
  };
  return t(r.refusedBatches > 0 ? 'cli.log.runRefused' : 'cli.log.run', values);
}
