import type { SyncRunView, SyncStatusView } from '../../../main/ipc/contract.ts';
import { plainError } from '../../../i18n/error-text.ts';
import { formatDateTime, formatRelative, t, type MessageId } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { useAction } from '../hooks/useAction.ts';
import { useNow } from '../hooks/useNow.ts';
import { useSyncStatus } from '../hooks/syncStatus.tsx';
import { Details } from './Details.tsx';

const CONNECTIVITY: Record<SyncStatusView['connectivity'], MessageId> = {
  online: 'status.online',
  offline: 'status.offline',
  unknown: 'status.connecting',
};

/** Below this, a retry "in 3 seconds" reads as noise: the message already says the changes will be sent. */
const SOON_MS = 10_000;

/**
 * Always at the bottom once signed in: is the server reachable, what waits to go up, and when it last worked.
 * One button: "Try again" while a sync is failing or waiting to retry (skips every wait, see `sync:retry`), else
 * "Sync now" (`sync:now`).
 */
export function StatusBar() {
  const status = useSyncStatus();
  const now = useNow(10_000);
  const { busy, error, detail, setError, run } = useAction('sync');
  // A run that fails answers with its error rather than failing the call.
  const sync = (start: () => Promise<SyncRunView>) =>
    void run(async () => {
      const result = await start();
      if (result.error) {
        const plain = plainError(result.error, 'sync');
        setError(plain.message, plain.detail);
      }
    });

  if (!status) {
    return <footer className="status-bar" data-testid="status-bar" aria-label={t('status.label')} />;
  }
  const failing = status.lastError !== null || status.nextAttemptAt !== null;
  const later = status.nextAttemptAt !== null && status.nextAttemptAt - now > SOON_MS ? status.nextAttemptAt : null;
  const shown = status.lastError ? statusError(status.lastError, later, now) : null;
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('status.label')}>
      <span className={`connectivity ${status.connectivity}`} data-testid="status-connectivity">
        <span className="dot" aria-hidden="true" />
        {t(CONNECTIVITY[status.connectivity])}
      </span>
      <span role="status" className="status-progress" data-testid="status-progress">
        {status.running && status.progress ? (
          <>
            {t('status.syncingProgress', { done: status.progress.done, total: status.progress.total })}
            <progress value={status.progress.done} max={Math.max(1, status.progress.total)} />
          </>
        ) : status.running ? (
          t('status.syncing')
        ) : status.paused ? (
          <span data-testid="status-paused">{t('status.paused')}</span>
        ) : null}
      </span>
      <span data-testid="status-queued">
        {status.queuedNumbers > 0
          ? t('status.queued', { numbers: status.queuedNumbers, batches: status.queuedBatches })
          : t('status.nothingQueued')}
      </span>
      <span data-testid="status-last-sync" title={status.lastSyncAt ? formatDateTime(status.lastSyncAt) : undefined}>
        {status.lastSyncAt
          ? t('status.lastSynced', { when: formatRelative(status.lastSyncAt, now) })
          : t('status.notSynced')}
      </span>
      {status.demoServer && (
        <span className="demo" data-testid="status-demo">
          {t('status.demo')}
        </span>
      )}
      {status.pendingSignOuts.length > 0 && (
        <span data-testid="status-sign-outs" title={status.pendingSignOuts.map((p) => p.server).join(', ')}>
          {t('status.signOutsPending', { count: status.pendingSignOuts.length })}
        </span>
      )}
      {(shown || error) && (
        <span className="status-error">
          <span className="error-text" data-testid="status-error">
            {error ?? shown?.message}
          </span>
          <Details detail={error ? detail : shown?.detail} testId="status-error-details" />
        </span>
      )}
      <span className="status-actions">
        <button
          type="button"
          className="small"
          disabled={busy || status.running}
          onClick={() => sync(failing ? api.retryNow : api.syncNow)}
          data-testid={failing ? 'status-retry' : 'status-sync-now'}
        >
          {failing ? t('status.tryAgain') : t('status.syncNow')}
        </button>
      </span>
    </footer>
  );
}

/** The last failure in words; a rate limit says when the changes go up. */
function statusError(text: string, retryAt: number | null, now: number) {
  const plain = plainError(text, 'sync');
  if (plain.kind === 'rate-limited' && retryAt !== null) {
    return { ...plain, message: t('errors.sync.rateLimitedAt', { when: formatRelative(retryAt, now) }) };
  }
  return plain;
}
