/**
 * Dialect-specific fragments. A list of numbers travels as ONE parameter (a JSON text or a PostgreSQL array),
 * so a 1000-number batch is a short, cacheable statement instead of one with thousands of placeholders.
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database, DialectName } from './schema.ts';

/** A derived table with one BIGINT column `n`, one row per value. */
export function numberRows(dialect: DialectName, values: readonly number[]): RawBuilder<unknown> {
  switch (dialect) {
    case 'sqlite':
      return sql`(select value as n from json_each(${JSON.stringify(values)}))`;
    case 'postgres':
      return sql`(select unnest(${values as number[]}::bigint[]) as n)`;
    case 'mysql':
      return sql`(select jt.n from json_table(${JSON.stringify(values)}, '$[*]' columns (n bigint path '$')) as jt)`;
  }
}

/** `column IN (values)` with the list as one parameter. */
export function inNumbers(dialect: DialectName, column: string, values: readonly number[]): RawBuilder<boolean> {
  if (dialect === 'postgres') return sql<boolean>`${sql.ref(column)} = any(${values as number[]}::bigint[])`;
  return sql<boolean>`${sql.ref(column)} in (select n from ${numberRows(dialect, values)} as v)`;
}

type Mode = 'shared' | 'exclusive';

/**
 * Joins take the `joins` lock exclusively and uploads take it shared, so a join's fan-out and an upload's
 * matching never run concurrently: whichever commits second sees the other, and no join goes unreported.
 * SQLite needs nothing: it has one writer, and Kysely runs its transactions one at a time.
 */
export async function takeJoinLock(trx: Transaction<Database>, dialect: DialectName, mode: Mode): Promise<void> {
  if (dialect === 'postgres') {
    await (
      mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(7211)` : sql`select pg_advisory_xact_lock(7211)`
    ).execute(trx);
  } else if (dialect === 'mysql') {
    await (
      mode === 'shared'
        ? sql`select name from locks where name = 'joins' lock in share mode`
        : sql`select name from locks where name = 'joins' for update`
    ).execute(trx);
  }
}

/** Serializes work on one account's uploaded set (batches, deletion). */
export async function lockUser(trx: Transaction<Database>, dialect: DialectName, userId: number): Promise<void> {
  if (dialect === 'sqlite') return;
  await sql`select id from users where id = ${userId} for update`.execute(trx);
}
