/**
 * The database settings a server benchmark line runs under, printed with it. MariaDB's buffer pool is raised for
 * the run to KITH_BENCH_MYSQL_BUFFER_POOL_MB (1024 by default) when it is smaller, as docs/server.md advises for a
 * deployment, and put back afterwards: its default of 128 MiB holds a fraction of the seeded indexes, and every
 * batch then waits on disk reads. PostgreSQL and SQLite are measured as the server and the test databases set them.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { sql } from 'kysely';
import { defaultPool } from '../server/config.ts';
import { connect, type Connection } from '../server/db/connect.ts';
import { MYSQL_URL } from '../server/testing/databases.ts';

const MYSQL_POOL_BYTES = Number(process.env.KITH_BENCH_MYSQL_BUFFER_POOL_MB ?? 1024) * 1024 * 1024;
const MIB = 1024 * 1024;

export interface Tuning {
  settings: Record<string, string | number>;
  restore(): Promise<void>;
}

export async function tuneDatabase(conn: Connection, url: string): Promise<Tuning> {
  switch (conn.dialect) {
    case 'sqlite': {
      // A connection opened as the server opens its own; the seeding connection changed its durability.
      const own = connect(url, 1);
      try {
        const pragma = async (name: string) =>
          String(Object.values((await sql.raw(`pragma ${name}`).execute(own.db)).rows[0] as object)[0]);
        return {
          settings: {
            journal_mode: await pragma('journal_mode'),
            synchronous: ['off', 'normal', 'full', 'extra'][Number(await pragma('synchronous'))] ?? '?',
            cache_mib: Math.round(-Number(await pragma('cache_size')) / 1024),
            wal_autocheckpoint: Number(await pragma('wal_autocheckpoint')),
          },
          restore: async () => {},
        };
      } finally {
        await own.db.destroy();
      }
    }
    case 'postgres': {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const show = async (name: string) => String((await client.query(`show ${name}`)).rows[0][name]);
        return {
          settings: {
            shared_buffers: await show('shared_buffers'),
            synchronous_commit: await show('synchronous_commit'),
            max_wal_size: await show('max_wal_size'),
            kith_db_pool: defaultPool(),
          },
          restore: async () => {},
        };
      } finally {
        await client.end();
      }
    }
    case 'mysql':
      return tuneMysql();
  }
}

async function tuneMysql(): Promise<Tuning> {
  const admin = await mysql.createConnection({ uri: MYSQL_URL });
  const variable = async (name: string) => {
    const [rows] = await admin.query(`select @@global.${name} as v`);
    return Number((rows as { v: number | string }[])[0]!.v);
  };
  const original = await variable('innodb_buffer_pool_size');
  let note = 'as configured';
  if (original < MYSQL_POOL_BYTES) {
    try {
      await setPool(admin, MYSQL_POOL_BYTES);
      note = `raised for the run from ${Math.round(original / MIB)} MiB`;
    } catch (err) {
      note = `left at ${Math.round(original / MIB)} MiB: ${(err as Error).message}`;
    }
  }
  const settings = {
    innodb_buffer_pool_mib: Math.round((await variable('innodb_buffer_pool_size')) / MIB),
    innodb_buffer_pool: note,
    innodb_flush_log_at_trx_commit: await variable('innodb_flush_log_at_trx_commit'),
    kith_db_pool: defaultPool(),
  };
  return {
    settings,
    async restore() {
      try {
        if ((await variable('innodb_buffer_pool_size')) !== original) await setPool(admin, original);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Resizing runs in the background; this waits until it has finished. */
async function setPool(admin: mysql.Connection, bytes: number): Promise<void> {
  await admin.query(`set global innodb_buffer_pool_size = ${Math.round(bytes)}`);
  for (let i = 0; i < 600; i++) {
    const [rows] = await admin.query(`show global status like 'innodb_buffer_pool_resize_status'`);
    const status = String((rows as { Value: string }[])[0]?.Value ?? '');
    if (status === '' || /complete/i.test(status)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the buffer pool resize did not finish within 60 s');
}

/** The seeded database's tables and indexes on disk, in MiB. */
export async function dataMib({ db, dialect }: Connection): Promise<number> {
  const query =
    dialect === 'sqlite'
      ? sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`
      : dialect === 'postgres'
        ? sql<{ n: number }>`select pg_database_size(current_database()) as n`
        : sql<{ n: number }>`select sum(data_length + index_length) as n from information_schema.tables
            where table_schema = database()`;
  return Math.round(Number((await query.execute(db)).rows[0]!.n) / MIB);
}
