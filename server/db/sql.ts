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
      return sql`(select unnest(${pgArray(values)}::bigint[]) as n)`;
    case 'mysql':
      return sql`(select jt.n from json_table(${JSON.stringify(values)}, '$[*]' columns (n bigint path '$')) as jt)`;
  }
}

/**
 * A PostgreSQL array literal of whole numbers. Written directly: the driver would otherwise escape and quote
 * each element as a string.
 */
function pgArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/** `column IN (values)` with the list as one parameter. */
export function inNumbers(dialect: DialectName, column: string, values: readonly number[]): RawBuilder<boolean> {
  if (dialect === 'postgres') return sql<boolean>`${sql.ref(column)} = any(${pgArray(values)}::bigint[])`;
  return sql<boolean>`${sql.ref(column)} in (select n from ${numberRows(dialect, values)} as v)`;
}

/** Which of the numbers the owner's uploaded set holds. */
export async function heldAmong(
  trx: Transaction<Database>,
  dialect: DialectName,
  ownerId: number,
  values: readonly number[],
): Promise<Set<number>> {
  if (values.length === 0) return new Set();
  const rows = await trx
    .selectFrom('contacts')
    .select('e164')
    .where('owner_id', '=', ownerId)
    .where(inNumbers(dialect, 'e164', values))
    .execute();
  return new Set(rows.map((r) => Number(r.e164)));
}

/**
 * Adds the numbers to the owner's uploaded set and returns the ones it did not hold yet: numbers already held are
 * skipped, not errors. The caller holds the account's row lock, so no one else adds to this set meanwhile.
 */
export async function insertNewContacts(
  trx: Transaction<Database>,
  dialect: DialectName,
  ownerId: number,
  values: readonly number[],
): Promise<number[]> {
  if (dialect === 'mysql') {
    // InnoDB locks each duplicate that INSERT IGNORE meets and records a warning for it; reading the held numbers
    // first and inserting only the others measured 5 % faster on batches of held numbers, and no slower on new ones.
    const held = await heldAmong(trx, dialect, ownerId, values);
    const fresh = values.filter((v) => !held.has(v));
    if (fresh.length > 0) {
      await sql`insert into contacts (owner_id, e164) select ${ownerId}, n from ${numberRows(dialect, fresh)} as v`.execute(
        trx,
      );
    }
    return fresh;
  }
  const rows = numberRows(dialect, values);
  const query =
    dialect === 'postgres'
      ? // Cheaper than ON CONFLICT DO NOTHING, whose speculative insertion costs an extra WAL record a row.
        sql<{ e164: number }>`insert into contacts (owner_id, e164) select ${ownerId}, n from ${rows} as v
          where not exists (select 1 from contacts c where c.owner_id = ${ownerId} and c.e164 = v.n) returning e164`
      : // The only constraint a row can break is the primary key (the values are numbers), so ignoring
        // conflicts ignores exactly the held numbers; SQLite then needs no statement journal either.
        sql<{ e164: number }>`insert or ignore into contacts (owner_id, e164) select ${ownerId}, n from ${rows} as v
          returning e164`;
  const result = await query.execute(trx);
  return result.rows.map((r) => Number(r.e164));
}

/** Removes the numbers from the owner's uploaded set and returns the ones it held. */
export async function deleteHeldContacts(
  trx: Transaction<Database>,
  dialect: DialectName,
  ownerId: number,
  values: readonly number[],
): Promise<number[]> {
  const result = await sql<{ e164: number }>`delete from contacts
    where owner_id = ${ownerId} and ${inNumbers(dialect, 'e164', values)} returning e164`.execute(trx);
  return result.rows.map((r) => Number(r.e164));
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
