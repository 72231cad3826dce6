// What the upload log says about a run and a batch, as whole sentences in the user's locale.
import type { UploadBatchView, UploadRunView } from '../../../main/ipc/contract.ts';
import { formatCount, formatTime, plural } from '../format.ts';

/** "Sync at 1 Jan 2030, 10:02 — 20,073 numbers added, 12 removed"; a deletion says what was deleted. */
export function runSummary(run: UploadRunView): string {
  const when = formatTime(run.at);
  if (run.kind === 'deleted') {
    return `Deleted at ${when} — ${run.detail ?? 'the uploaded numbers were deleted from the server'}`;
  }
  if (run.added === 0 && run.removed === 0) return `Sync at ${when} — nothing uploaded`;
  return `Sync at ${when} — ${batchCounts(run)}`;
}

/** "in 41 batches", or null for a run of one batch. */
export function runBatches(run: UploadRunView): string | null {
  return run.batches > 1 ? `in ${formatCount(run.batches)} batches` : null;
}

/** "1 batch refused (500 numbers)", or null when the server took every batch. */
export function runRefused(run: UploadRunView): string | null {
  if (run.refusedBatches === 0) return null;
  const numbers = plural(run.refusedNumbers, 'number');
  return run.refusedBatches === 1
    ? `1 batch refused (${numbers})`
    : `${formatCount(run.refusedBatches)} batches refused (${numbers})`;
}

/** "Batch 3 of 41: 500 numbers added". */
export function batchSummary(batch: UploadBatchView, position: number, of: number): string {
  return `Batch ${formatCount(position)} of ${formatCount(of)}: ${batchCounts(batch)}`;
}

export function batchCounts({ added, removed }: { added: number; removed: number }): string {
  if (added > 0 && removed > 0) return `${plural(added, 'number')} added, ${formatCount(removed)} removed`;
  if (added > 0) return `${plural(added, 'number')} added`;
  if (removed > 0) return `${plural(removed, 'number')} removed`;
  return 'No numbers';
}
