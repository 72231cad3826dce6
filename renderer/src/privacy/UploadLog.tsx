import { useId, useState } from 'react';
import type { UploadBatchView, UploadRunView } from '../../../main/ipc/contract.ts';
import { formatDateTime, t, type MessageId } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { NamedNumber } from '../components/NamedNumber.tsx';
import { usePages } from '../hooks/usePages.ts';
import { batchSummary, runBatches, runRefused, runSummary } from './upload-text.ts';

const RUNS_PAGE = 30;
const BATCHES_PAGE = 50;
/** A batch holds up to 1,000 numbers; they are shown this many at a time. */
const NUMBERS_PAGE = 100;

const RESULTS: Record<UploadBatchView['result'], MessageId> = {
  applied: 'privacy.upload.result.applied',
  rejected: 'privacy.upload.result.rejected',
  deleted: 'privacy.upload.result.deleted',
};

/**
 * What was sent to the server, one line per sync: when, and how many numbers went up or came off. A sync opens to
 * its batches and a batch to its numbers, each by the name saved for it (names never leave this computer).
 */
export function UploadLog() {
  const runs = usePages((offset, limit) => api.uploadRuns(offset, limit), 'upload-runs', RUNS_PAGE, {
    refreshOn: ['data-changed', 'sync-status'],
  });
  return (
    <section className="panel" aria-labelledby="upload-log-title" data-testid="upload-log">
      <h3 id="upload-log-title">{t('privacy.upload.title')}</h3>
      <ErrorText testId="upload-log-error" error={runs.error} />
      {runs.loaded && runs.items.length === 0 && (
        <p className="muted" data-testid="upload-log-empty">
          {t('privacy.upload.empty')}
        </p>
      )}
      <ol className="upload-log">
        {runs.items.map((run) => (
          <RunRow key={run.id} run={run} />
        ))}
      </ol>
      {runs.canLoadMore && (
        <button type="button" onClick={runs.loadMore} disabled={runs.busy} data-testid="upload-log-more">
          {runs.busy ? t('privacy.upload.loading') : t('privacy.upload.olderRuns')}
        </button>
      )}
    </section>
  );
}

function RunRow({ run }: { run: UploadRunView }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const refused = runRefused(run);
  const batches = runBatches(run);
  const summary = (
    <>
      <span data-testid="upload-run-summary">{runSummary(run)}</span>
      {batches && (
        <span className="muted" data-testid="upload-run-batches">
          {batches}
        </span>
      )}
      {refused && (
        <span className="tag tag-rejected" data-testid="upload-run-refused">
          {refused}
        </span>
      )}
      {run.detail && run.kind === 'sync' && <span className="muted">{run.detail}</span>}
    </>
  );
  // A deletion has no numbers to show.
  if (run.kind === 'deleted') {
    return (
      <li className="upload-entry" data-testid="upload-run" data-kind={run.kind}>
        <div className="upload-head">{summary}</div>
      </li>
    );
  }
  return (
    <li className="upload-entry" data-testid="upload-run" data-kind={run.kind}>
      <button
        type="button"
        className="upload-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="upload-run-toggle"
      >
        {summary}
      </button>
      {open && (
        <div id={panelId} className="upload-detail">
          {run.batches === 1 ? (
            <BatchNumbers batchId={run.id} total={run.added + run.removed + run.refusedNumbers} />
          ) : (
            <RunBatches run={run} />
          )}
        </div>
      )}
    </li>
  );
}

function RunBatches({ run }: { run: UploadRunView }) {
  const batches = usePages(
    (offset, limit) => api.uploadRunBatches(run.id, offset, limit),
    `upload-run-${run.id}-${run.batches}`,
    BATCHES_PAGE,
    { total: run.batches },
  );
  return (
    <>
      <ErrorText testId="upload-batches-error" error={batches.error} />
      <ol className="upload-batches" data-testid="upload-batches">
        {batches.items.map((batch, i) => (
          <BatchRow key={batch.id} batch={batch} position={i + 1} of={run.batches} />
        ))}
      </ol>
      {batches.canLoadMore && (
        <button
          type="button"
          className="small"
          onClick={batches.loadMore}
          disabled={batches.busy}
          data-testid="upload-batches-more"
        >
          {batches.busy ? t('privacy.upload.loading') : t('privacy.upload.moreBatches')}
        </button>
      )}
    </>
  );
}

function BatchRow({ batch, position, of }: { batch: UploadBatchView; position: number; of: number }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const total = batch.added + batch.removed;
  return (
    <li className="upload-batch" data-testid="upload-batch">
      <button
        type="button"
        className="upload-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={total === 0}
        onClick={() => setOpen((o) => !o)}
        data-testid="upload-batch-toggle"
      >
        <span data-testid="upload-batch-counts">{batchSummary(batch, position, of)}</span>
        <time className="muted" dateTime={new Date(batch.at).toISOString()}>
          {formatDateTime(batch.at)}
        </time>
        <span className={`tag tag-${batch.result}`} data-testid="upload-batch-result">
          {t(RESULTS[batch.result])}
        </span>
        {batch.detail && <span className="muted">{batch.detail}</span>}
      </button>
      {open && (
        <div id={panelId} className="upload-detail">
          <BatchNumbers batchId={batch.id} total={total} />
        </div>
      )}
    </li>
  );
}

function BatchNumbers({ batchId, total }: { batchId: number; total: number }) {
  const numbers = usePages(
    (offset, limit) => api.uploadBatchNumbers(batchId, offset, limit).then((page) => page.numbers),
    `upload-batch-${batchId}`,
    NUMBERS_PAGE,
    { total },
  );
  return (
    <>
      <ErrorText testId="upload-numbers-error" error={numbers.error} />
      <ul className="named-numbers" data-testid="upload-numbers">
        {numbers.items.map((n) => (
          <li key={`${n.change}${n.e164}`} className="named-number" data-testid="upload-number">
            <span className={`tag tag-${n.change === 'added' ? 'applied' : 'muted'}`}>
              {n.change === 'added' ? t('privacy.upload.added') : t('privacy.upload.removed')}
            </span>
            <NamedNumber number={n} />
          </li>
        ))}
      </ul>
      {numbers.canLoadMore && (
        <button
          type="button"
          className="small"
          onClick={numbers.loadMore}
          disabled={numbers.busy}
          data-testid="upload-numbers-more"
        >
          {numbers.busy
            ? t('privacy.upload.loading')
            : t('privacy.upload.moreNumbers', { shown: numbers.items.length, total })}
        </button>
      )}
    </>
  );
}
