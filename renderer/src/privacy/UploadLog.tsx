import { useState } from 'react';
import type { UploadLogView } from '../../../main/ipc/contract.ts';
import { api, errorText } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { formatTime, plural } from '../format.ts';
import { useLoad } from '../hooks/useLoad.ts';

const PAGE = 50;

const RESULTS: Record<UploadLogView['result'], string> = {
  applied: 'Applied',
  rejected: 'Rejected',
  deleted: 'Deleted from the server',
};

/** Every batch sent to the server: when, how many numbers went up or came off, and the numbers themselves. */
export function UploadLog() {
  const first = useLoad(() => api.uploadLog(0, PAGE), 'upload-log');
  const [older, setOlder] = useState<UploadLogView[]>([]);
  const [more, setMore] = useState<{ busy: boolean; end: boolean; error: string | null }>({
    busy: false,
    end: false,
    error: null,
  });
  const [seen, setSeen] = useState(first.data);
  if (seen !== first.data) {
    // The newest page was reloaded (a new upload): older pages fetched before would now overlap it.
    setSeen(first.data);
    setOlder([]);
    setMore({ busy: false, end: false, error: null });
  }
  const entries = [...(first.data ?? []), ...older];

  async function loadMore(): Promise<void> {
    setMore((m) => ({ ...m, busy: true }));
    try {
      const page = await api.uploadLog(entries.length, PAGE);
      setOlder((list) => [...list, ...page]);
      setMore({ busy: false, end: page.length < PAGE, error: null });
    } catch (err) {
      setMore({ busy: false, end: false, error: errorText(err) });
    }
  }

  const canLoadMore = !more.end && (first.data?.length ?? 0) === PAGE;
  return (
    <section className="panel" aria-labelledby="upload-log-title" data-testid="upload-log">
      <h3 id="upload-log-title">Upload log</h3>
      <ErrorText testId="upload-log-error" error={first.error ?? more.error} />
      {first.data?.length === 0 && (
        <p className="muted" data-testid="upload-log-empty">
          Nothing has been uploaded yet.
        </p>
      )}
      <ol className="upload-log">
        {entries.map((entry) => (
          <li key={entry.batchId} className="upload-entry" data-testid="upload-log-entry">
            <div className="upload-head">
              <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
              <span data-testid="upload-log-counts">
                {plural(entry.added.length, 'number')} added, {entry.removed.length} removed
              </span>
              <span className={`tag tag-${entry.result}`} data-testid="upload-log-result">
                {RESULTS[entry.result]}
              </span>
              {entry.detail && <span className="muted">{entry.detail}</span>}
            </div>
            {entry.added.length + entry.removed.length > 0 && (
              <details data-testid="upload-log-numbers">
                <summary>Show the numbers</summary>
                <NumberList title="Added" numbers={entry.added} />
                <NumberList title="Removed" numbers={entry.removed} />
              </details>
            )}
          </li>
        ))}
      </ol>
      {canLoadMore && (
        <button type="button" onClick={() => void loadMore()} disabled={more.busy} data-testid="upload-log-more">
          {more.busy ? 'Loading…' : 'Show older uploads'}
        </button>
      )}
    </section>
  );
}

function NumberList({ title, numbers }: { title: string; numbers: string[] }) {
  if (numbers.length === 0) return null;
  return (
    <div className="number-list">
      <h4>{title}</h4>
      <ul className="mono">
        {numbers.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
