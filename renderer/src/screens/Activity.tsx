import type { ActivityView } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { plainError } from '../../../i18n/error-text.ts';
import { formatDateTime, t, type MessageId } from '../../../i18n/index.ts';
import { Details } from '../components/Details.tsx';
import { useLoad } from '../hooks/useLoad.ts';

const KINDS: Record<ActivityView['kind'], MessageId> = {
  join: 'activity.kind.join',
  sync: 'activity.kind.sync',
  error: 'activity.kind.error',
};
const SHOWN = 200;

/** Joins, sync runs and errors, newest first. */
export function Activity() {
  const { data, error } = useLoad(() => api.activity(SHOWN), 'activity', ['data-changed', 'sync-status']);
  return (
    <section className="screen" aria-labelledby="activity-title">
      <header className="screen-head">
        <h2 id="activity-title">{t('activity.title')}</h2>
        <p className="muted">{t('activity.intro', { count: SHOWN })}</p>
      </header>
      <ErrorText testId="activity-error" error={error} />
      {data?.length === 0 && (
        <p className="empty" data-testid="activity-empty">
          {t('activity.empty')}
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
            <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at)}</time>
            <span className={`tag tag-${entry.kind}`}>{t(KINDS[entry.kind])}</span>
            <ActivityMessage entry={entry} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A catalog sentence in this locale; an error in words, its technical text under Details. */
function ActivityMessage({ entry }: { entry: ActivityView }) {
  if (entry.messageId) return <span className="activity-message">{inLocale(entry)}</span>;
  if (entry.kind !== 'error') return <span className="activity-message">{entry.message}</span>;
  const plain = plainError(entry.message, 'sync');
  return (
    <span className="activity-message">
      {plain.message}
      <Details detail={plain.detail} testId="activity-details" />
    </span>
  );
}

/** The entry's sentence in this locale; its stored English when its arguments no longer fit the message. */
function inLocale(entry: ActivityView): string {
  try {
    return t(entry.messageId!, entry.args ?? {});
  } catch {
    return entry.message;
  }
}
