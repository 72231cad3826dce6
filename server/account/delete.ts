/**
 * Deleting an account removes everything that names it: sessions, its uploaded set, its inbox, and any event
 * about it in others' inboxes. Others' stored batch answers keep no matches (see upload.ts), so they do not name it
 * either. Nothing is left that no user holds, except a part-spent budget of new numbers under a keyed hash of the
 * number (see spent-budget.ts), until it would have refilled; others' uploaded sets keep the number as their data.
 */
import type { BudgetConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { takeJoinLock } from '../db/sql.ts';
import type { ServerSecret } from '../secret.ts';
import { keepSpentBudget } from './spent-budget.ts';

export async function deleteAccount(
  { db, dialect }: Connection,
  secret: ServerSecret,
  userId: number,
  e164: number,
  budget: BudgetConfig,
  now: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Locks the account's row as it reads the budget, as lockUser would (SQLite has one writer and needs no lock).
    const bucket = await trx
      .selectFrom('users')
      .select(['budget_tokens', 'budget_at'])
      .where('id', '=', userId)
      .$if(dialect !== 'sqlite', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    await keepSpentBudget(
      trx,
      secret,
      e164,
      { tokens: Number(bucket.budget_tokens), at: Number(bucket.budget_at) },
      budget,
      now,
    );
    // Like an upload: a join's fan-out either commits first (and its events to this user are deleted below) or
    // runs after this commits (and no longer sees this user's contacts).
    await takeJoinLock(trx, dialect, 'shared');
    await trx.deleteFrom('contacts').where('owner_id', '=', userId).execute();
    await trx.deleteFrom('upload_batches').where('owner_id', '=', userId).execute();
    await trx.deleteFrom('events').where('recipient_id', '=', userId).execute();
    await trx.deleteFrom('events').where('subject_user_id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('verification_sessions').where('e164', '=', e164).execute();
    await trx.deleteFrom('users').where('id', '=', userId).execute();
  });
}
