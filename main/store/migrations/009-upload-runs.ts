import type { Migration } from './types.ts';

/**
 * Sync runs in the upload log. Every batch one engine pass applies or has refused carries that pass's `run_id` and
 * start time `run_at`, so the log can show one line per sync instead of one per batch. Rows written before (and
 * deletions, which belong to no pass) have neither and stand alone. The index covers the grouping query, which
 * then never reads the large number lists.
 */
export const uploadRuns: Migration = {
  version: 9,
  name: 'upload-runs',
  sql: `
ALTER TABLE upload_log ADD COLUMN run_id TEXT;
ALTER TABLE upload_log ADD COLUMN run_at INTEGER;
CREATE INDEX upload_log_runs ON upload_log(run_id);
`,
};
