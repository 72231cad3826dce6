/**
 * An account's budget of new numbers outlives the account: if deleting it and registering the number again gave
 * a full budget, the brake on probing would be one deletion away. A part-spent budget is kept under a keyed hash of
 * the number, never the number itself, and only until it would have refilled; the next account for the number takes
 * it over.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { BudgetConfig } from '../config.ts';
import { type Bucket, fullAt, refill } from '../contacts/budget.ts';
import type { Database } from '../db/schema.ts';
import { keyedHash, type ServerSecret } from '../secret.ts';

/**
 * The number's key in `spent_budgets`. Phone numbers are few enough to hash them all, so only a keyed hash hides
 * which number a row belongs to. Its input is the number's unkeyed hash rather than the number, so that rows kept
 * under that unkeyed hash could be rekeyed without knowing their numbers (migration 008).
 */
export function numberHash(secret: ServerSecret, e164: number): string {
  return keyedHash(secret, 'kith-budget', unkeyedNumberHash(e164));
}

/** SHA-256 of `kith-budget:` and the number's digits (without the `+`), as hex. */
export function unkeyedNumberHash(e164: number): string {
  return createHash('sha256').update(`kith-budget:${e164}`).digest('hex');
}

/** Called as the account of `e164` is deleted, with its stored bucket. */
export async function keepSpentBudget(
  trx: Transaction<Database>,
  secret: ServerSecret,
  e164: number,
  bucket: Bucket,
  config: BudgetConfig,
  now: number,
): Promise<void> {
  const tokens = refill(bucket, config, now);
  if (tokens >= config.capacity) return;
  const numberKey = numberHash(secret, e164);
  await trx.deleteFrom('spent_budgets').where('number_hash', '=', numberKey).execute();
  await trx
    .insertInto('spent_budgets')
    .values({ number_hash: numberKey, tokens, at: now, full_at: fullAt({ tokens, at: now }, config) })
    .execute();
}

/** The budget a new account for `e164` starts with: what a deleted one left, refilled since, or a full one. */
export async function startingBudget(
  trx: Transaction<Database>,
  secret: ServerSecret,
  e164: number,
  config: BudgetConfig,
  now: number,
): Promise<number> {
  const numberKey = numberHash(secret, e164);
  const kept = await trx
    .selectFrom('spent_budgets')
    .select(['tokens', 'at'])
    .where('number_hash', '=', numberKey)
    .executeTakeFirst();
  if (!kept) return config.capacity;
  await trx.deleteFrom('spent_budgets').where('number_hash', '=', numberKey).execute();
  return refill({ tokens: Number(kept.tokens), at: Number(kept.at) }, config, now);
}
