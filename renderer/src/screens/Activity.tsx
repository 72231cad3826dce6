import type { ActivityView } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks/useLoad.ts';

const KINDS: Record<ActivityView['kind'], string> = { join: 'Joined', sync: 'Sync', error: 'Error' };

/** Joins, sync runs and errors, newest first. */
export function Activity() {
  const { data, error } = useLoad(() => api.activity(200), 'activity', ['data-changed', 'sync-status']);
  return (
    <section className="screen" aria-labelledby="activity-title">
      <header className="screen-head">
        <h2 id="activity-title">Activity</h2>
        <p className="muted">The latest 200 events, newest first.</p>
      </header>
      <ErrorText testId="activity-error" error={error} />
      {data?.length === 0 && (
        <p className="empty" data-testid="activity-empty">
          Nothing has happened yet.
        </p>
      )}
      <ol className="activity" data-testid="activity-list">
        {data?.map((entry, i) => (
          <li
            key={`${entry.at}-${i}`}
            className={`activity-item ${entry.kind}`}
            data-testid="activity-item"
            data-kind={entry.kind}
          >
            <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
            <span className={`tag tag-${entry.kind}`}>{KINDS[entry.kind]}</span>
            <span className="activity-message">{entry.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
