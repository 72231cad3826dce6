import type { SyncRunView, SyncStatusView } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { formatCount, formatRelative, formatTime, plural } from '../format.ts';
import { useAction } from '../hooks/useAction.ts';
import { useNow } from '../hooks/useNow.ts';
import { useSyncStatus } from '../hooks/syncStatus.tsx';

const CONNECTIVITY: Record<SyncStatusView['connectivity'], string> = {
  online: 'Online',
  offline: 'Offline',
  unknown: 'Connecting…',
};

/** Always at the bottom once signed in: is the server reachable, what waits to go up, and when it last worked. */
export function StatusBar() {
  const status = useSyncStatus();
  const now = useNow(10_000);
  const { busy, error, setError, run } = useAction();
  // A run that fails answers with its error rather than failing the call.
  const sync = (start: () => Promise<SyncRunView>) =>
    void run(async () => {
      const result = await start();
      if (result.error) setError(result.error);
    });

  if (!status) {
    return <footer className="status-bar" data-testid="status-bar" aria-label="Sync status" />;
  }
  const failing = status.lastError !== null || status.nextAttemptAt !== null;
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Sync status">
      <span className={`connectivity ${status.connectivity}`} data-testid="status-connectivity">
        <span className="dot" aria-hidden="true" />
        {CONNECTIVITY[status.connectivity]}
      </span>
      <span role="status" className="status-progress" data-testid="status-progress">
        {status.running && status.progress ? (
          <>
            Syncing {formatCount(status.progress.done)} of {formatCount(status.progress.total)}
            <progress value={status.progress.done} max={Math.max(1, status.progress.total)} />
          </>
        ) : status.running ? (
          'Syncing…'
        ) : status.paused ? (
          <span data-testid="status-paused">Uploads paused</span>
        ) : null}
      </span>
      <span data-testid="status-queued">
        {status.queuedNumbers > 0
          ? `${plural(status.queuedNumbers, 'number')} queued in ${plural(status.queuedBatches, 'batch', 'batches')}`
          : 'Nothing waiting to upload'}
      </span>
      <span data-testid="status-last-sync" title={status.lastSyncAt ? formatTime(status.lastSyncAt) : undefined}>
        {status.lastSyncAt ? `Last synced ${formatRelative(status.lastSyncAt, now)}` : 'Not synced yet'}
      </span>
      {status.demoServer && (
        <span className="demo" data-testid="status-demo">
          Using a local demo server
        </span>
      )}
      {status.pendingSignOuts.length > 0 && (
        <span data-testid="status-sign-outs" title={status.pendingSignOuts.map((p) => p.server).join(', ')}>
          {plural(status.pendingSignOuts.length, 'earlier sign-out')} not yet confirmed by the server
        </span>
      )}
      {(status.lastError || error) && (
        <span className="error-text" data-testid="status-error">
          {error ?? status.lastError}
          {status.nextAttemptAt && ` · retrying ${formatRelative(status.nextAttemptAt, now)}`}
        </span>
      )}
      <span className="status-actions">
        {failing && (
          <button
            type="button"
            className="small"
            disabled={busy}
            onClick={() => sync(api.retryNow)}
            data-testid="status-retry"
          >
            Retry now
          </button>
        )}
        <button
          type="button"
          className="small"
          disabled={busy || status.running}
          onClick={() => sync(api.syncNow)}
          data-testid="status-sync-now"
        >
          Sync now
        </button>
      </span>
    </footer>
  );
}
