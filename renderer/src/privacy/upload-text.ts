// What the upload log says about a run and a batch, as whole sentences in the user's locale.
import type { UploadBatchView, UploadRunView } from '../../../main/ipc/contract.ts';
import { formatDateTime, t } from '../../../i18n/index.ts';

/** "Sync at 1 Jan 2030, 10:02 — 20,073 numbers added, 12 removed"; a deletion says what was deleted. */
export function runSummary(run: UploadRunView): string {
  const time = formatDateTime(run.at);
  if (run.kind === 'deleted') {
    return run.detail
      ? t('privacy.upload.deleted', { time, detail: run.detail })
      : t('privacy.upload.deletedAll', { time });
  }
  const { added, removed } = run;
  if (added > 0 && removed > 0) return t('privacy.upload.syncAddedRemoved', { time, added, removed });
  if (added > 0) return t('privacy.upload.syncAdded', { time, added });
  if (removed > 0) return t('privacy.upload.syncRemoved', { time, removed });
  return t('privacy.upload.syncNothing', { time });
}

/** "in 41 batches", or null for a run of one batch. */
export function runBatches(run: UploadRunView): string | null {
  return run.batches > 1 ? t('privacy.upload.inBatches', { batches: run.batches }) : null;
}

/** "1 batch refused (500 numbers)", or null when the server took every batch. */
export function runRefused(run: UploadRunView): string | null {
  if (run.refusedBatches === 0) return null;
  return t('privacy.upload.refused', { batches: run.refusedBatches, numbers: run.refusedNumbers });
}

/** "Batch 3 of 41: 500 numbers added". */
export function batchSummary(batch: UploadBatchView, position: number, of: number): string {
  const { added, removed } = batch;
  if (added > 0 && removed > 0) return t('privacy.upload.batchAddedRemoved', { position, of, added, removed });
  if (added > 0) return t('privacy.upload.batchAdded', { position, of, added });
  if (removed > 0) return t('privacy.upload.batchRemoved', { position, of, removed });
  return t('privacy.upload.batchEmpty', { position, of });
}
