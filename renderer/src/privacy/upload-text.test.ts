import { describe, expect, it } from 'vitest';
import type { UploadRunView } from '../../../main/ipc/contract.ts';
import { moreLabel } from '../components/AndMore.tsx';
import {
  currentLocale,
  formatDateTime as formatTime,
  formatNumber as formatCount,
  setLocale,
} from '../../../i18n/index.ts';
import { batchSummary, runBatches, runRefused, runSummary } from './upload-text.ts';

const at = Date.UTC(2030, 0, 1, 10, 2);
const run = (fields: Partial<UploadRunView>): UploadRunView => ({
  id: 1,
  at,
  kind: 'sync',
  batches: 1,
  added: 0,
  removed: 0,
  refusedBatches: 0,
  refusedNumbers: 0,
  detail: null,
  ...fields,
});

describe('what the upload log says', () => {
  it('sums up a sync run in one sentence, counts in the locale', () => {
    const when = formatTime(at);
    const many = formatCount(20_073);
    expect(runSummary(run({ added: 20_073, removed: 12, batches: 41 }))).toBe(
      `Sync at ${when} — ${many} numbers added, 12 removed`,
    );
    expect(runSummary(run({ added: 1 }))).toBe(`Sync at ${when} — 1 number added`);
    expect(runSummary(run({ removed: 3 }))).toBe(`Sync at ${when} — 3 numbers removed`);
    expect(runSummary(run({ refusedBatches: 1, refusedNumbers: 4 }))).toBe(`Sync at ${when} — nothing uploaded`);
    expect(runBatches(run({ batches: 41 }))).toBe('in 41 batches');
    expect(runBatches(run({ batches: 1 }))).toBeNull();
    expect(runRefused(run({ refusedBatches: 1, refusedNumbers: 500 }))).toBe('1 batch refused (500 numbers)');
    expect(runRefused(run({ refusedBatches: 2, refusedNumbers: 1 }))).toBe('2 batches refused (1 number)');
    expect(runRefused(run({}))).toBeNull();
  });

  it('writes counts in the locale of the user', () => {
    const before = currentLocale();
    setLocale('de-DE');
    try {
      expect(runSummary(run({ added: 20_073 }))).toBe(`Sync at ${formatTime(at)} — 20.073 numbers added`);
      expect(runBatches(run({ batches: 1_041 }))).toBe('in 1.041 batches');
    } finally {
      setLocale(before);
    }
  });

  it('says what a deletion did, and what each batch held', () => {
    expect(runSummary(run({ kind: 'deleted', detail: 'all 5 uploaded numbers deleted from the server' }))).toBe(
      `Deleted at ${formatTime(at)} — all 5 uploaded numbers deleted from the server`,
    );
    const batch = { id: 2, batchId: 'b', at, result: 'applied' as const, detail: null };
    expect(batchSummary({ ...batch, added: 500, removed: 0 }, 3, 41)).toBe('Batch 3 of 41: 500 numbers added');
    expect(batchSummary({ ...batch, added: 2, removed: 1 }, 1, 1)).toBe('Batch 1 of 1: 2 numbers added, 1 removed');
    expect(batchSummary({ ...batch, added: 0, removed: 1 }, 2, 2)).toBe('Batch 2 of 2: 1 number removed');
    expect(batchSummary({ ...batch, added: 0, removed: 0 }, 1, 1)).toBe('Batch 1 of 1: No numbers');
    expect(runSummary(run({ kind: 'deleted' }))).toBe(
      `Deleted at ${formatTime(at)} — the uploaded numbers were deleted from the server`,
    );
  });

  it('reads "and 4 more" out with what there is more of', () => {
    expect(moreLabel(4, 'numbers')).toBe('and 4 more numbers');
    expect(moreLabel(1, 'numbers')).toBe('and 1 more number');
    expect(moreLabel(1, 'contacts')).toBe('and 1 more contact');
    expect(moreLabel(2_000, 'contacts')).toBe(`and ${formatCount(2_000)} more contacts`);
  });
});
