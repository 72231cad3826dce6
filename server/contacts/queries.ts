/** Reads and bulk deletes over one account's uploaded set. */
import type { Kysely } from 'kysely';
import type { MatchList, NumberPage } from '../../protocol/api.ts';
import { EMPTY_SET_HASH } from '../../protocol/set-hash.ts';
import type { Connection } from '../db/connect.ts';
import { type Database, fromStored, toStored } from '../db/schema.ts';
import { lockUser, takeJoinLock } from '../db/sql.ts';

/** Every uploaded number of the caller that belongs to a registered, discoverable user. */
export async function matchList(db: Kysely<Database>, ownerId: number): Promise<MatchList> {
  const [rows, user] = await Promise.all([
    db
      .selectFrom('contacts')
      .innerJoin('users', 'users.e164', 'contacts.e164')
      .select(['users.id', 'users.e164'])
      .where('contacts.owner_id', '=', ownerId)
      .where('users.discoverable', '=', 1)
      .where('users.id', '<>', ownerId)
      .orderBy('users.e164')
      .execute(),
    setState(db, ownerId),
  ]);
  return { matches: rows.map((r) => ({ userId: Number(r.id), e164: fromStored(r.e164) })), ...user };
}

export async function setState(db: Kysely<Database>, ownerId: number): Promise<{ setHash: string; count: number }> {
  const row = await db
    .selectFrom('users')
    .select(['set_hash', 'contact_count'])
    .where('id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return { setHash: row.set_hash, count: Number(row.contact_count) };
}

export async function numberPage(
  db: Kysely<Database>,
  ownerId: number,
  after: string | undefined,
  limit: number,
): Promise<NumberPage> {
  let query = db
    .selectFrom('contacts')
    .select('e164')
    .where('owner_id', '=', ownerId)
    .orderBy('e164')
    .limit(limit + 1);
  if (after) query = query.where('e164', '>', toStored(after));
  const rows = await query.execute();
  const numbers = rows.slice(0, limit).map((r) => fromStored(r.e164));
  return { numbers, next: rows.length > limit ? numbers[numbers.length - 1]! : null };
}

/**
 * Deletes the caller's whole uploaded set; batch ids are forgotten with it, and so are the join events waiting in
 * its inbox, which are all about numbers of that set.
 */
export async function deleteAllContacts({ db, dialect }: Connection, ownerId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockUser(trx, dialect, ownerId);
    // Shared, like uploads: a join fanning out at the same moment sees the set before or after, never half.
    await takeJoinLock(trx, dialect, 'shared');
    const result = await trx.deleteFrom('contacts').where('owner_id', '=', ownerId).executeTakeFirst();
    await trx.deleteFrom('upload_batches').where('owner_id', '=', ownerId).execute();
    await trx.deleteFrom('events').where('recipient_id', '=', ownerId).where('type', '=', 'contact_joined').execute();
    await trx
      .updateTable('users')
      .set({ set_hash: EMPTY_SET_HASH, contact_count: 0 })
      .where('id', '=', ownerId)
      .execute();
    return Number(result.numDeletedRows);
  });
}
