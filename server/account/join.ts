/**
 * A number's first verification creates its account and, in the same transaction, puts a "contact joined"
 * event in the inbox of every owner who uploaded that number. Either both happen or neither does.
 */
import { sql } from 'kysely';
import { EMPTY_SET_HASH } from '../../protocol/set-hash.ts';
import type { Connection } from '../db/connect.ts';
import { takeJoinLock } from '../db/sql.ts';

export interface JoinResult {
  userId: number;
  created: boolean;
  /** Events with ids above this were written by this join (for live delivery). */
  eventsAfter: number;
  fannedOut: number;
}

export async function findOrCreateUser(
  { db, dialect }: Connection,
  e164: number,
  budgetCapacity: number,
  now: number,
  discoverable = true,
): Promise<JoinResult> {
  return db.transaction().execute(async (trx) => {
    // Exclusive: joins run one at a time, so event ids are handed out in commit order and a cursor never
    // skips an event that commits late.
    await takeJoinLock(trx, dialect, 'exclusive');
    const existing = await trx.selectFrom('users').select('id').where('e164', '=', e164).executeTakeFirst();
    if (existing) return { userId: Number(existing.id), created: false, eventsAfter: 0, fannedOut: 0 };

    const user = {
      e164,
      created_at: now,
      discoverable: discoverable ? 1 : 0,
      set_hash: EMPTY_SET_HASH,
      contact_count: 0,
      budget_tokens: budgetCapacity,
      budget_at: now,
    };
    const userId =
      dialect === 'postgres'
        ? Number((await trx.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow()).id)
        : Number((await trx.insertInto('users').values(user).executeTakeFirstOrThrow()).insertId);

    if (!discoverable) return { userId, created: true, eventsAfter: 0, fannedOut: 0 };
    const last = await trx
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    const eventsAfter = Number(last?.max ?? 0);
    const inserted = await sql`
      insert into events (recipient_id, type, subject_user_id, e164, created_at)
      select owner_id, 'contact_joined', ${userId}, e164, ${now}
      from contacts where e164 = ${e164} and owner_id <> ${userId}
      order by owner_id`.execute(trx);
    return { userId, created: true, eventsAfter, fannedOut: Number(inserted.numAffectedRows ?? 0) };
  });
}
