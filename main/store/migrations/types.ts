export interface Migration {
  /** The `user_version` the database has after this migration. */
  version: number;
  name: string;
  sql: string;
}
