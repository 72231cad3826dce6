import type { Statement } from 'better-sqlite3';
import type { Db } from './open.ts';

const statements = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement prepared once per connection and SQL text. For hot paths (a sync's batches, the list's pages), where
 * preparing again each time cost as much as running the statement.
 */
export function cachedStatement(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
