import { openStore, type Db } from '../../store/open.ts';
import { getSetting, setSetting } from '../../store/settings.ts';
import { SyncEngine, type SyncStatus } from '../../sync/engine.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const syncUsage = 'kith sync [--server URL] [--resume] [--retry-rejected] [--reconcile] [--db PATH]';
export const statusUsage = 'kith status [--json] [--db PATH]';

/** Exit status when changes remain queued (offline, server errors, rate limit): they go out on the next sync. */
export const EXIT_QUEUED = 3;

export async function runSync(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('sync', argv, {
    ...dbOption,
    server: { type: 'string' },
    resume: { type: 'boolean' },
    'retry-rejected': { type: 'boolean' },
    reconcile: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`kith sync: unexpected argument ${positionals[0]}`);
  const db = openStore(resolveDbPath(values.db));
  const engine = new SyncEngine({ db });
  try {
    checkServer(db, values.server);
    if (values.resume) setSetting(db, 'sync_paused', null);
    const progress = process.stderr.isTTY
      ? (p: { done: number; total: number }) => process.stderr.write(`\r\x1b[2Ksync: ${p.done}/${p.total} numbers`)
      : (p: { done: number; total: number }) => {
          if (p.done === 0 || p.done === p.total) process.stderr.write(`sync: ${p.done}/${p.total} numbers\n`);
        };
    engine.on('progress', progress);
    // A failure that leaves batches queued (offline, server trouble) is not in the summary's `error`; the engine's
    // last 'error' event says what it was. Listening also keeps an unheard 'error' event from being thrown.
    let failure: string | null = null;
    engine.on('error', (err) => (failure = err.message));
    const run = values['retry-rejected']
      ? engine.retryNow()
      : engine.sync({ pullEvents: true, force: true, reconcile: values.reconcile ?? false });
    const s = await run;
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    // Not signed in, nothing was attempted: no summary, just the error.
    if (s.error && !engine.status().signedIn) throw new CliError(`kith sync: ${s.error}`);
    if (s.paused)
      console.log('Uploading is paused since your data was deleted from the server; `kith sync --resume` resumes.');
    console.log(
      `Sent ${s.batchesSent} batch${s.batchesSent === 1 ? '' : 'es'}: ${s.added} numbers added, ${s.removed} removed; ` +
        `${s.matches} on Kith in these batches; ${s.events} new join${s.events === 1 ? '' : 's'}.` +
        (s.reconciled === 'skipped' ? '' : ` Reconciliation: ${s.reconciled}.`),
    );
    if (s.rejected > 0) console.log(`${s.rejected} batch(es) refused by the server; see \`kith log\`.`);
    if (s.error) {
      if (/401/.test(s.error)) throw new CliError(`kith sync: ${s.error}`);
      console.error(`kith sync: ${s.error}`);
    } else if (s.queued > 0 && failure) {
      console.error(`kith sync: ${failure}`);
    }
    if (s.queued > 0) {
      console.log(`${s.queued} batch(es) still queued (${s.connectivity}); they are kept and sent on the next sync.`);
      return EXIT_QUEUED;
    }
    return 0;
  } finally {
    await engine.stop();
    db.close();
  }
}

function checkServer(db: Db, server: string | undefined): void {
  const wanted = server ?? process.env.KITH_SERVER;
  const stored = getSetting(db, 'server_url');
  if (wanted && stored && wanted.replace(/\/+$/, '') !== stored) {
    throw new CliError(
      `kith sync: signed in to ${stored}, not ${wanted}; run \`kith login --server ${wanted} …\` to switch`,
    );
  }
}

export function runStatus(argv: string[]): number {
  const { values, positionals } = parseCommand('status', argv, { ...dbOption, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`kith status: unexpected argument ${positionals[0]}`);
  const db = openStore(resolveDbPath(values.db));
  try {
    const status = new SyncEngine({ db }).status();
    if (values.json) {
      process.stdout.write(JSON.stringify(status, null, 2) + '\n');
      return 0;
    }
    for (const line of describe(status)) console.log(line);
    return 0;
  } finally {
    db.close();
  }
}

function describe(s: SyncStatus): string[] {
  const when = (t: number | null) => (t ? new Date(t).toISOString() : 'never');
  return [
    `Server:     ${s.server ?? '(not signed in)'}${s.signedIn ? '' : s.server ? ' (signed out)' : ''}`,
    `State:      ${s.paused ? 'paused' : s.connectivity} (as of the last sync)`,
    `Queued:     ${s.queuedBatches} batch(es), ${s.queuedNumbers} numbers${s.nextAttemptAt ? `, next attempt ${when(s.nextAttemptAt)}` : ''}`,
    `Refused:    ${s.rejectedNumbers} numbers`,
    `Last sync:  ${when(s.lastSyncAt)}`,
    `Cursor:     ${s.cursor}`,
  ];
}
