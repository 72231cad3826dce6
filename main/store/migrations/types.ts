import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The `user_version` the database has after this migration. */
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do, run after `sql` in the same transaction. */
  after?: (db: Database) => void;
}
