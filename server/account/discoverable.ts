import type { Connection } from '../db/connect.ts';
import { lockUser, takeJoinLock } from '../db/sql.ts';
import { fanOutJoin, NO_FAN_OUT, type FanOut } from './join.ts';

/**
 * Hides the account or shows it again. Shown again, it is news to the owners of its number as much as a join is:
 * each gets a "contact joined" event, unless one about this account is still waiting in their inbox (while hidden,
 * such events were withheld, not lost).
 */
export async function setDiscoverable(
  { db, dialect }: Connection,
  userId: number,
  discoverable: boolean,
  now: number,
): Promise<FanOut> {
  return db.transaction().execute(async (trx) => {
    // The account's own lock first, as uploads and deletion take it, then the join lock exclusively, as a join
    // does: event ids follow commit order, and an upload's matching sees the account either hidden or shown with
    // its events, never half of it.
    await lockUser(trx, dialect, userId);
    await takeJoinLock(trx, dialect, 'exclusive');
    const user = await trx
      .selectFrom('users')
      .select(['e164', 'discoverable'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('users')
      .set({ discoverable: discoverable ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    const shownAgain = discoverable && Number(user.discoverable) === 0;
    return shownAgain ? fanOutJoin(trx, userId, Number(user.e164), now) : NO_FAN_OUT;
  });
}
