import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The `user_version` the database has after this migration. */
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do, run after `sql` in the same transaction. */
  after?: (db: Database) => void;
  /**
   * The step rebuilds a table that others reference (new table, copy, drop, rename): it runs with foreign keys off,
   * as SQLite prescribes, since dropping the old table would otherwise cascade, and they are checked before it commits.
   */
  rebuildsTables?: boolean;
}
