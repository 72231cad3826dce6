/**
 * Kysely's SQLite driver prepares every statement on every call: about 5 % of the server's CPU under upload load,
 * more than some of the statements take to run. The server's statements have few distinct texts (a list of numbers travels as one JSON parameter), so each text is
 * prepared once and kept, the least recently used dropped past `size`. better-sqlite3 runs one statement at a time
 * on a connection and SQLite re-prepares a kept statement itself after a schema change, so reuse is safe; the
 * server streams no queries, the one use a shared statement could not serve twice at once.
 */
import type BetterSqlite3 from 'better-sqlite3';

export function cacheStatements(database: BetterSqlite3.Database, size = 200): BetterSqlite3.Database {
  const prepare = database.prepare.bind(database);
  const kept = new Map<string, BetterSqlite3.Statement>();
  database.prepare = ((source: string) => {
    let statement = kept.get(source);
    if (statement) {
      kept.delete(source);
    } else {
      statement = prepare(source);
      if (kept.size >= size) kept.delete(kept.keys().next().value!);
    }
    kept.set(source, statement);
    return statement;
  }) as BetterSqlite3.Database['prepare'];
  return database;
}
