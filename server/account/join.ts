/**
 * A number's first verification creates its account and, in the same transaction, puts a "contact joined"
 * event in the inbox of every owner who uploaded that number. Either both happen or neither does; sign-in also
 * spends the code and creates the device's session in that transaction.
 */
import { sql, type Transaction } from 'kysely';
import { EMPTY_SET_HASH } from '../../protocol/set-hash.ts';
import type { BudgetConfig } from '../config.ts';
import type { Database, DialectName } from '../db/schema.ts';
import { takeJoinLock } from '../db/sql.ts';
import type { ServerSecret } from '../secret.ts';
import { startingBudget } from './spent-budget.ts';

/** Join events just written: how many, and the id they all come after (for live delivery). */
export interface FanOut {
  eventsAfter: number;
  fannedOut: number;
}

export const NO_FAN_OUT: FanOut = Object.freeze({ eventsAfter: 0, fannedOut: 0 });

export interface JoinResult extends FanOut {
  userId: number;
  created: boolean;
}

/**
 * Puts a "contact joined" event about `userId` in the inbox of every other owner of `e164` that has none about it
 * waiting yet. The caller holds the join lock exclusively.
 */
export async function fanOutJoin(
  trx: Transaction<Database>,
  userId: number,
  e164: number,
  now: number,
): Promise<FanOut> {
  const last = await trx
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  const eventsAfter = Number(last?.max ?? 0);
  const inserted = await sql`
    insert into events (recipient_id, type, subject_user_id, e164, created_at)
    select c.owner_id, 'contact_joined', ${userId}, c.e164, ${now}
    from contacts c where c.e164 = ${e164} and c.owner_id <> ${userId}
      and not exists (select 1 from events e where e.recipient_id = c.owner_id and e.subject_user_id = ${userId})
    order by c.owner_id`.execute(trx);
  return { eventsAfter, fannedOut: Number(inserted.numAffectedRows ?? 0) };
}

/**
 * The account of `e164`, created if new, with its join fanned out, inside the caller's transaction (sign-in runs
 * the code's spending, this and the new session as one).
 */
export async function findOrCreateUser(
  trx: Transaction<Database>,
  dialect: DialectName,
  secret: ServerSecret,
  e164: number,
  budget: BudgetConfig,
  now: number,
  discoverable = true,
): Promise<JoinResult> {
  // Exclusive: joins run one at a time, so event ids are handed out in commit order and a cursor never
  // skips an event that commits late.
  await takeJoinLock(trx, dialect, 'exclusive');
  const existing = await trx.selectFrom('users').select('id').where('e164', '=', e164).executeTakeFirst();
  if (existing) return { userId: Number(existing.id), created: false, ...NO_FAN_OUT };

  const user = {
    e164,
    created_at: now,
    discoverable: discoverable ? 1 : 0,
    set_hash: EMPTY_SET_HASH,
    contact_count: 0,
    budget_tokens: await startingBudget(trx, secret, e164, budget, now),
    budget_at: now,
  };
  const userId =
    dialect === 'postgres'
      ? Number((await trx.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow()).id)
      : Number((await trx.insertInto('users').values(user).executeTakeFirstOrThrow()).insertId);

  if (!discoverable) return { userId, created: true, ...NO_FAN_OUT };
  return { userId, created: true, ...(await fanOutJoin(trx, userId, e164, now)) };
}
