/** Sessions are devices: one per verified login, found by the hash of its bearer token. */
import type { Kysely } from 'kysely';
import { DAY_MS } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { hashToken, newToken } from './tokens.ts';

export interface AuthContext {
  userId: number;
  sessionId: number;
  e164: number;
}

/** Last-seen is written at most this often, so that reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  deviceName: string | null,
  now: number,
): Promise<{ token: string; sessionId: number }> {
  const token = newToken();
  const row = {
    user_id: userId,
    token_hash: hashToken(token),
    device_name: deviceName,
    created_at: now,
    last_seen_at: now,
    acked_event_id: 0,
  };
  const result = await db.insertInto('sessions').values(row).executeTakeFirst();
  const sessionId =
    result.insertId !== undefined
      ? Number(result.insertId)
      : (
          await db
            .selectFrom('sessions')
            .select('id')
            .where('token_hash', '=', row.token_hash)
            .executeTakeFirstOrThrow()
        ).id;
  return { token, sessionId };
}

/**
 * The session a bearer token belongs to, or null. A session unused for `idleDays` no longer counts, even before
 * maintenance deletes it.
 */
export async function authenticate(
  db: Kysely<Database>,
  token: string,
  now: number,
  idleDays: number,
): Promise<AuthContext | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'sessions.user_id as userId', 'sessions.last_seen_at', 'users.e164'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const unused = now - row.last_seen_at;
  if (unused > idleDays * DAY_MS) return null;
  if (unused > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', row.sessionId).execute();
  }
  return { userId: Number(row.userId), sessionId: Number(row.sessionId), e164: Number(row.e164) };
}

export async function listDevices(db: Kysely<Database>, auth: AuthContext) {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'device_name', 'created_at', 'last_seen_at'])
    .where('user_id', '=', auth.userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.device_name,
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    current: Number(r.id) === auth.sessionId,
  }));
}

/** Ends one of the caller's own sessions; false when it is not theirs or is already gone. */
export async function endSession(db: Kysely<Database>, userId: number, sessionId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
