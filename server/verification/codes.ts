/** One-time codes: six digits, five minutes, a few attempts; only a salted hash is stored. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LimitConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { HttpError, tooMany } from '../http/errors.ts';

/** The window the per-number allowance of codes counts within. */
export const START_WINDOW_MS = 3_600_000;

function hashCode(salt: string, code: string): string {
  return createHash('sha256').update(salt).update(code).digest('hex');
}

/** Creates and stores a fresh code for the number, within its hourly allowance, and returns it. */
export async function issueCode(
  { db, dialect }: Connection,
  e164: number,
  limits: LimitConfig,
  ttlSeconds: number,
  now: number,
): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('hex');
  return db.transaction().execute(async (trx) => {
    // The number's row first, created empty if new and locked either way, so that simultaneous requests count one
    // after another instead of each reading the same count. (On MySQL a plain INSERT IGNORE would share-lock the row
    // in every request, and their updates would then deadlock.)
    const empty = {
      e164,
      code_hash: null,
      salt: null,
      expires_at: 0,
      attempts_left: 0,
      window_start: now,
      window_starts: 0,
    };
    const insert = trx.insertInto('verifications').values(empty);
    await (
      dialect === 'mysql'
        ? insert.onDuplicateKeyUpdate({ e164 })
        : insert.onConflict((oc) => oc.column('e164').doUpdateSet({ e164 }))
    ).execute();
    const row = await trx
      .selectFrom('verifications')
      .selectAll()
      .where('e164', '=', e164)
      .$if(dialect !== 'sqlite', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const fresh = now - Number(row.window_start) >= START_WINDOW_MS;
    const starts = fresh ? 1 : Number(row.window_starts) + 1;
    if (starts > limits.startsPerNumberPerHour) {
      throw tooMany(
        'too_many_codes',
        'too many codes requested for this number; try again later',
        (Number(row.window_start) + START_WINDOW_MS - now) / 1000,
      );
    }
    const values = {
      code_hash: hashCode(salt, code),
      salt,
      expires_at: now + ttlSeconds * 1000,
      attempts_left: limits.attemptsPerCode,
      window_start: fresh ? now : Number(row.window_start),
      window_starts: starts,
    };
    await trx.updateTable('verifications').set(values).where('e164', '=', e164).execute();
    return code;
  });
}

/** Checks a code and spends it on success; every guess, right or wrong, spends one attempt. */
export async function checkCode(db: Kysely<Database>, e164: number, code: string, now: number): Promise<void> {
  const row = await db.selectFrom('verifications').selectAll().where('e164', '=', e164).executeTakeFirst();
  if (!row || !row.code_hash || !row.salt || now >= Number(row.expires_at)) {
    throw new HttpError(400, 'code_expired', 'no valid code for this number; request a new one');
  }
  // Every guess takes an attempt before it is compared, with a conditional decrement: however many arrive at once,
  // no more than the allowance are ever compared against this code.
  const taken = await db
    .updateTable('verifications')
    .set((eb) => ({ attempts_left: eb('attempts_left', '-', 1) }))
    .where('e164', '=', e164)
    .where('code_hash', '=', row.code_hash)
    .where('attempts_left', '>', 0)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 0) {
    const current = await db
      .selectFrom('verifications')
      .select('code_hash')
      .where('e164', '=', e164)
      .executeTakeFirst();
    if (current?.code_hash !== row.code_hash) throw new HttpError(400, 'code_expired', 'this code was already used');
    throw new HttpError(429, 'too_many_attempts', 'too many wrong codes; request a new one');
  }
  const expected = Buffer.from(row.code_hash, 'hex');
  const given = Buffer.from(hashCode(row.salt, code), 'hex');
  if (!timingSafeEqual(expected, given)) throw new HttpError(400, 'wrong_code', 'the code does not match');
  // Single use: only the request that clears the hash wins.
  const spent = await db
    .updateTable('verifications')
    .set({ code_hash: null, salt: null })
    .where('e164', '=', e164)
    .where('code_hash', '=', row.code_hash)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) === 0) throw new HttpError(400, 'code_expired', 'this code was already used');
}
