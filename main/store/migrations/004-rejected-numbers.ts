import type { Migration } from './types.ts';

/** The sync status counts refused numbers on every pass; few rows are refused, so a partial index keeps that cheap. */
export const rejectedNumbers: Migration = {
  version: 4,
  name: 'rejected-numbers',
  sql: `CREATE INDEX numbers_rejected ON numbers(e164) WHERE rejected IS NOT NULL;`,
};
