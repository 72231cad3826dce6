/**
 * Rows that have served their purpose. A batch's stored answer exists so that a resend is not applied twice and gets
 * the same counts; after the retention period a resend is simply applied again, which changes nothing (held numbers
 * are skipped, removed ones are gone). A verification session is of no use once its code has expired (a spent one is already gone). A
 * session left unused past its idle period already fails to authenticate; deleting it also stops its
 * acknowledgement cursor from holding back the account's read events. A deleted account's spent budget is kept only
 * until it would have refilled: after that a new account for the number starts full either way. A window of hits
 * (per address, per number, per number and address) says nothing once its hour is over.
 */
import { sql } from 'kysely';
import { DAY_MS } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { ADDRESS_WINDOW_MS } from '../verification/address-limiter.ts';

export interface Pruned {
  batches: number;
  /** Expired verification sessions. */
  verifications: number;
  sessions: number;
  budgets: number;
  addresses: number;
  /** The sessions deleted, so that their open streams can be closed like those of a device signed out. */
  ended: Array<{ userId: number; sessionId: number }>;
}

export interface Retention {
  batchRetentionDays: number;
  sessionIdleDays: number;
}

export async function pruneExpired(
  { db }: Connection,
  now: number,
  { batchRetentionDays, sessionIdleDays }: Retention,
): Promise<Pruned> {
  const batches = await db
    .deleteFrom('upload_batches')
    .where('created_at', '<', now - batchRetentionDays * DAY_MS)
    .executeTakeFirst();
  const verifications = await db.deleteFrom('verification_sessions').where('expires_at', '<=', now).executeTakeFirst();
  const budgets = await db.deleteFrom('spent_budgets').where('full_at', '<=', now).executeTakeFirst();
  const addresses = await db
    .deleteFrom('address_windows')
    .where('window_start', '<=', now - ADDRESS_WINDOW_MS)
    .executeTakeFirst();
  // RETURNING names exactly the rows deleted: a session used since the cutoff was read stays, stream and all.
  const ended = await sql<{ id: number; user_id: number }>`delete from sessions
    where last_seen_at < ${now - sessionIdleDays * DAY_MS} returning id, user_id`.execute(db);
  return {
    batches: Number(batches.numDeletedRows),
    verifications: Number(verifications.numDeletedRows),
    sessions: ended.rows.length,
    budgets: Number(budgets.numDeletedRows),
    addresses: Number(addresses.numDeletedRows),
    ended: ended.rows.map((r) => ({ userId: Number(r.user_id), sessionId: Number(r.id) })),
  };
}
