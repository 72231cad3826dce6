/**
 * Test databases: a fresh SQLite file, or a fresh database on the local PostgreSQL / MariaDB, dropped afterwards.
 * Where a server cannot be reached the suite is skipped with the reason, unless KITH_REQUIRE_DBS=1 makes that
 * a failure (CI sets it, so CI always covers all three).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { DialectName } from '../db/schema.ts';

export const PG_URL = process.env.KITH_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.KITH_TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test';
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres', 'mysql'];

export interface TestDatabase {
  dialect: DialectName;
  url: string;
  drop(): Promise<void>;
}

/** Null with a printed reason when the server is down and not required. */
export async function availability(dialect: DialectName): Promise<string | null> {
  if (dialect === 'sqlite') return null;
  try {
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
      await client.connect();
      await client.end();
    } else {
      const conn = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
      await conn.end();
    }
    return null;
  } catch (err) {
    const reason = `${dialect} at ${dialect === 'postgres' ? PG_URL : MYSQL_URL} is unreachable: ${(err as Error).message}`;
    if (process.env.KITH_REQUIRE_DBS === '1') throw new Error(`KITH_REQUIRE_DBS=1 but ${reason}`, { cause: err });
    console.warn(`skipping ${dialect} suites: ${reason}`);
    return reason;
  }
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const name = `kith_t_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kith-server-'));
    return {
      dialect,
      url: `sqlite:${join(dir, 'server.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (dialect === 'postgres') {
    // Test databases need no durability against a machine crash: commits skip the wait for the disk.
    await withPg(async (c) => {
      await c.query(`create database ${name}`);
      await c.query(`alter database ${name} set synchronous_commit = off`);
    });
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    return {
      dialect,
      url: url.toString(),
      drop: async () => {
        await withPg((c) => c.query(`drop database if exists ${name} with (force)`));
      },
    };
  }
  await withMysql((c) => c.query(`create database ${name}`));
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    drop: async () => {
      await withMysql((c) => c.query(`drop database if exists ${name}`));
    },
  };
}

/** Runs `run` on an administrative connection to the test server's PostgreSQL, closed afterwards. */
export async function withPg<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs `run` on an administrative connection to the test server's MySQL, closed afterwards. */
export async function withMysql<T>(run: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ uri: MYSQL_URL });
  try {
    return await run(conn);
  } finally {
    await conn.end();
  }
}
