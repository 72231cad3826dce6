/**
 * One-time codes, each in a verification session of its own: six digits, five minutes, a few guesses. Only the
 * requester learns the session's id, and a guess needs it, so nobody else can spend a session's attempts or its
 * code, and a later start (by anyone) makes a new session instead of replacing this one. Only hashes are stored:
 * a SHA-256 of the id (256 random bits, so nothing to try) and a salted SHA-256 of the code.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { newToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';

export interface IssuedCode {
  sessionId: string;
  code: string;
}

/** A session whose code was just guessed right, to be spent in the sign-in's transaction. */
export interface MatchedCode {
  idHash: string;
  e164: number;
}

function hashCode(salt: string, code: string): string {
  return createHash('sha256').update(salt).update(code).digest('hex');
}

export function sessionIdHash(sessionId: string): string {
  return createHash('sha256').update(`kith-verification:${sessionId}`).digest('hex');
}

/** Stores a new session with a fresh code for the number; the caller has already counted it against the limits. */
export async function issueCode(
  db: Kysely<Database>,
  e164: number,
  attempts: number,
  ttlSeconds: number,
  now: number,
): Promise<IssuedCode> {
  const sessionId = newToken();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('hex');
  await db
    .insertInto('verification_sessions')
    .values({
      id_hash: sessionIdHash(sessionId),
      e164,
      code_hash: hashCode(salt, code),
      salt,
      attempts_left: attempts,
      expires_at: now + ttlSeconds * 1000,
      created_at: now,
    })
    .execute();
  return { sessionId, code };
}

const gone = (why: string) => new HttpError(400, 'code_expired', `${why}; start verification again`);

/**
 * Takes one of the session's attempts and compares the guess. The attempt is taken by a statement of its own,
 * committed before the comparison, so a guess costs it whatever happens next; and the decrement is conditional, so
 * however many guesses arrive at once, no more than the allowance are ever compared. Throws on a wrong guess.
 */
export async function checkCode(
  db: Kysely<Database>,
  sessionId: string,
  code: string,
  now: number,
): Promise<MatchedCode> {
  const idHash = sessionIdHash(sessionId);
  const row = await db.selectFrom('verification_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!row || now >= Number(row.expires_at)) throw gone('no such verification session, or it expired or was used');
  const taken = await db
    .updateTable('verification_sessions')
    .set((eb) => ({ attempts_left: eb('attempts_left', '-', 1) }))
    .where('id_hash', '=', idHash)
    .where('attempts_left', '>', 0)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 0) {
    const still = await db
      .selectFrom('verification_sessions')
      .select('id_hash')
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    if (!still) throw gone('this code was already used');
    throw new HttpError(429, 'too_many_attempts', 'too many wrong codes for this session; start verification again');
  }
  const expected = Buffer.from(row.code_hash, 'hex');
  const given = Buffer.from(hashCode(row.salt, code), 'hex');
  if (!timingSafeEqual(expected, given)) throw new HttpError(400, 'wrong_code', 'the code does not match');
  return { idHash, e164: Number(row.e164) };
}

/**
 * Spends the code inside the sign-in's transaction by deleting its session: of several right guesses at once,
 * only the transaction whose delete finds the row goes on, and if the sign-in fails later the code is unspent.
 */
export async function spendCode(trx: Transaction<Database>, matched: MatchedCode): Promise<void> {
  const spent = await trx.deleteFrom('verification_sessions').where('id_hash', '=', matched.idHash).executeTakeFirst();
  if (Number(spent.numDeletedRows) === 0) throw gone('this code was already used');
}
