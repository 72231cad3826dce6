/** Opens the database named by DATABASE_URL: `sqlite:PATH`, `postgres://…` or `mysql://…`. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { createPool as createMysqlPool } from 'mysql2';
import pg from 'pg';
import type { Database, DialectName } from './schema.ts';
import { cacheStatements } from './statement-cache.ts';

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The URL with any password masked, for logs. */
  label: string;
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

export function dialectOf(url: string): DialectName {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (/^(mysql|mariadb):\/\//.test(url)) return 'mysql';
  throw new Error(`DATABASE_URL must start with sqlite:, postgres:// or mysql:// (got ${maskUrl(url)})`);
}

/**
 * `onIdleError` hears about pooled connections that die while idle (a database restart, an administrator's
 * terminate); the pool replaces them. Unheard, such an error would end the process.
 */
export function connect(url: string, poolSize: number, onIdleError: (err: Error) => void = () => {}): Connection {
  const dialect = dialectOf(url);
  const label = maskUrl(url);
  if (dialect === 'sqlite') {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./kith.sqlite');
    const file = path === ':memory:' ? path : resolve(path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const database = new BetterSqlite3(file);
    database.pragma('busy_timeout = 5000');
    database.pragma('journal_mode = WAL');
    // WAL with NORMAL survives a process crash; only an OS crash can lose the last commits.
    database.pragma('synchronous = NORMAL');
    database.pragma('cache_size = -65536');
    // A batch of new numbers dirties a page of the reverse index per number, so the default checkpoint every
    // 1000 WAL pages would run (and fsync twice) after nearly every commit. Every 10000 pages (about 40 MB of
    // WAL) costs less per commit and writes a page once for several commits; durability is unchanged.
    database.pragma('wal_autocheckpoint = 10000');
    return {
      db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cacheStatements(database) }) }),
      dialect,
      label,
    };
  }
  if (dialect === 'postgres') {
    // Commits wait for the WAL to reach disk. An operator who accepts losing the last moments of commits to an
    // OS crash (never corruption) can opt in to faster commits through the URL alone:
    // postgres://…/kith?options=-c%20synchronous_commit%3Doff
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 || oid === PG_NUMERIC ? Number : pg.types.getTypeParser(oid, format ?? 'text'),
    };
    const pool = new pg.Pool({ connectionString: url, max: poolSize, types: types as pg.CustomTypesConfig });
    pool.on('error', onIdleError);
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect, label };
  }
  const pool = createMysqlPool({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    connectionLimit: poolSize,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
  });
  // Read committed: no gap locks between concurrent uploads; ordering is enforced by explicit locks instead.
  pool.on('connection', (conn) => conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED'));
  return { db: new Kysely<Database>({ dialect: new MysqlDialect({ pool }) }), dialect, label };
}

export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
