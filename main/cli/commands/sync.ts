import { formatDateTime, t } from '../../../i18n/index.ts';
import { openStore, type Db } from '../../store/open.ts';
import { getSetting, setSetting } from '../../store/settings.ts';
import { SyncEngine, type SyncStatus } from '../../sync/engine.ts';
import { isTransient } from '../../sync/errors.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, EXIT_QUEUED, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const syncUsage = t('cli.usage.sync');
export const statusUsage = t('cli.usage.status');

export async function runSync(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('sync', argv, {
    ...dbOption,
    server: { type: 'string' },
    resume: { type: 'boolean' },
    'retry-rejected': { type: 'boolean' },
    reconcile: { type: 'boolean' },
  });
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'sync', argument: positionals[0] }));
  const db = openStore(resolveDbPath(values.db));
  const engine = new SyncEngine({ db });
  try {
    checkServer(db, values.server);
    if (values.resume) setSetting(db, 'sync_paused', null);
    const progress = process.stderr.isTTY
      ? (p: { done: number; total: number }) => process.stderr.write(`\r\x1b[2K${t('cli.sync.progress', p)}`)
      : (p: { done: number; total: number }) => {
          if (p.done === 0 || p.done === p.total) process.stderr.write(`${t('cli.sync.progress', p)}\n`);
        };
    engine.on('progress', progress);
    // Failures are in the summary; listening keeps an unheard 'error' event from being thrown.
    engine.on('error', () => undefined);
    const run = values['retry-rejected']
      ? engine.retryNow()
      : engine.sync({ pullEvents: true, force: true, reconcile: values.reconcile ?? false });
    const s = await run;
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    if (s.signOuts > 0) console.log(t('cli.sync.signOuts', { count: s.signOuts }));
    for (const f of s.failures) console.error(t('cli.error', { command: 'sync', message: f.message }));
    // Not signed in, nothing was attempted but pending sign-outs: no summary, just the error.
    if (s.error && !engine.status().signedIn) throw new CliError(t('cli.error', { command: 'sync', message: s.error }));
    if (s.paused) console.log(t('cli.sync.paused'));
    const { added, removed, matches, events, reconciled } = s;
    const summary = { batches: s.batchesSent, added, removed, matches, events, reconciled };
    console.log(t(reconciled === 'skipped' ? 'cli.sync.summary' : 'cli.sync.summaryReconciled', summary));
    if (s.rejected > 0) console.log(t('cli.sync.rejected', { count: s.rejected }));
    if (s.queued > 0) console.log(t('cli.sync.queued', { count: s.queued, connectivity: s.connectivity }));
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
    throw new CliError(t('cli.sync.otherServer', { stored, wanted }));
  }
}

export function runStatus(argv: string[]): number {
  const { values, positionals } = parseCommand('status', argv, { ...dbOption, json: { type: 'boolean' } });
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'status', argument: positionals[0] }));
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
  const when = (at: number | null) => (at ? formatDateTime(at) : t('cli.status.never'));
  const state = s.paused ? 'paused' : s.connectivity;
  const queued = { batches: s.queuedBatches, numbers: s.queuedNumbers, next: when(s.nextAttemptAt) };
  const lines = [
    !s.server
      ? t('cli.status.notSignedIn')
      : t(s.signedIn ? 'cli.status.server' : 'cli.status.serverSignedOut', { server: s.server }),
    t(s.lastError ? 'cli.status.stateFailed' : 'cli.status.state', { state }),
    t(s.nextAttemptAt ? 'cli.status.queuedNext' : 'cli.status.queued', queued),
    t('cli.status.refused', { count: s.rejectedNumbers }),
    t('cli.status.lastSync', { at: when(s.lastSyncAt) }),
    t('cli.status.cursor', { cursor: s.cursor }),
  ];
  if (s.lastError) lines.push(t('cli.status.lastError', { error: s.lastError }));
  for (const p of s.pendingSignOuts) {
    const values = { server: p.server, since: when(p.since), attempts: p.attempts, error: p.lastError };
    lines.push(t(p.lastError ? 'cli.status.signOutError' : 'cli.status.signOut', values));
  }
  return lines;
}
