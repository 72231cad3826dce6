import { openStore, type Db } from '../../store/open.ts';
import { getSetting, setSetting } from '../../store/settings.ts';
import { SyncEngine, type SyncStatus } from '../../sync/engine.ts';
import { isTransient } from '../../sync/errors.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, EXIT_QUEUED, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const syncUsage = 'kith sync [--server URL] [--resume] [--retry-rejected] [--reconcile] [--db PATH]';
export const statusUsage = 'kith status [--json] [--db PATH]';

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
    // Failures are in the summary; listening keeps an unheard 'error' event from being thrown.
    engine.on('error', () => undefined);
    const run = values['retry-rejected']
      ? engine.retryNow()
      : engine.sync({ pullEvents: true, force: true, reconcile: values.reconcile ?? false });
    const s = await run;
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    if (s.signOuts > 0) console.log(`${s.signOuts} earlier sign-out(s) confirmed by the server.`);
    for (const f of s.failures) console.error(`kith sync: ${f.message}`);
    // Not signed in, nothing was attempted but pending sign-outs: no summary, just the error.
    if (s.error && !engine.status().signedIn) throw new CliError(`kith sync: ${s.error}`);
    if (s.paused)
      console.log('Uploading is paused since your data was deleted from the server; `kith sync --resume` resumes.');
    console.log(
      `Sent ${s.batchesSent} batch${s.batchesSent === 1 ? '' : 'es'}: ${s.added} numbers added, ${s.removed} removed; ` +
        `${s.matches} on Kith in these batches; ${s.events} new join${s.events === 1 ? '' : 's'}.` +
        (s.reconciled === 'skipped' ? '' : ` Reconciliation: ${s.reconciled}.`),
    );
    if (s.rejected > 0) console.log(`${s.rejected} batch(es) refused by the server; see \`kith log\`.`);
    if (s.queued > 0)
      console.log(`${s.queued} batch(es) still queued (${s.connectivity}); they are kept and sent on the next sync.`);
    // A refused session (sign in again) or a refused request needs the user, not another try. A sign-out always
    // stays queued, so it is retried whatever the server said.
    if (s.failures.some((f) => f.step !== 'revoke' && !isTransient(f.kind))) return 1;
    return s.failures.length > 0 || s.queued > 0 ? EXIT_QUEUED : 0;
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
  const state = s.paused ? 'paused' : s.connectivity;
  const lines = [
    `Server:     ${s.server ?? '(not signed in)'}${s.signedIn ? '' : s.server ? ' (signed out)' : ''}`,
    `State:      ${state}${s.lastError ? ', the last sync did not finish' : ''} (as of the last sync)`,
    `Queued:     ${s.queuedBatches} batch(es), ${s.queuedNumbers} numbers${s.nextAttemptAt ? `, next attempt ${when(s.nextAttemptAt)}` : ''}`,
    `Refused:    ${s.rejectedNumbers} numbers`,
    `Last sync:  ${when(s.lastSyncAt)}`,
    `Cursor:     ${s.cursor}`,
  ];
  if (s.lastError) lines.push(`Last error: ${s.lastError}`);
  for (const p of s.pendingSignOuts) {
    lines.push(
      `Sign-out:   not yet confirmed by ${p.server} (since ${when(p.since)}, ${p.attempts} attempt(s)` +
        `${p.lastError ? `, last: ${p.lastError}` : ''})`,
    );
  }
  return lines;
}
