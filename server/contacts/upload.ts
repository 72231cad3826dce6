/**
 * Applies one client batch to the caller's uploaded set, exactly once per batch id, and answers which of the
 * added numbers belong to registered, discoverable users.
 */
import type { Transaction } from 'kysely';
import type { BatchResult } from '../../protocol/api.ts';
import { toggleSetHash } from '../../protocol/set-hash.ts';
import type { BudgetConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { type Database, type DialectName, fromStored, toStored } from '../db/schema.ts';
import { deleteHeldContacts, heldAmong, inNumbers, insertNewContacts, takeJoinLock } from '../db/sql.ts';
import { HttpError, tooMany } from '../http/errors.ts';
import { keyedHash, type ServerSecret } from '../secret.ts';
import { refill, secondsUntil } from './budget.ts';

export interface Batch {
  batchId: string;
  add: readonly string[];
  remove: readonly string[];
}

/**
 * What `upload_batches.response` keeps: the counts and the set's state after the batch, never matches. Who is
 * registered and discoverable changes, and an account that hides or is deleted must leave no trace in others' rows.
 */
type StoredAnswer = Omit<BatchResult, 'matches'>;

export async function applyBatch(
  { db, dialect }: Connection,
  secret: ServerSecret,
  ownerId: number,
  batch: Batch,
  budget: BudgetConfig,
  now: number,
): Promise<BatchResult> {
  // In ascending order, so that inserting walks each index from one end to the other.
  const addKeys = [...new Set(batch.add)].map(toStored).sort(ascending);
  const removeKeys = [...new Set(batch.remove)].map(toStored).sort(ascending);
  const requestHash = hashRequest(secret, addKeys, removeKeys);

  return db.transaction().execute(async (trx) => {
    // Locks the account's row as it reads it, so that its batches and deletions run one at a time (SQLite has
    // one writer and needs no lock).
    const user = await trx
      .selectFrom('users')
      .select(['set_hash', 'contact_count', 'budget_tokens', 'budget_at'])
      .where('id', '=', ownerId)
      .$if(dialect !== 'sqlite', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const done = await trx
      .selectFrom('upload_batches')
      .select(['request_hash', 'response', 'created_at'])
      .where('owner_id', '=', ownerId)
      .where('batch_id', '=', batch.batchId)
      .executeTakeFirst();
    if (done) {
      if (done.request_hash !== requestHash) {
        throw new HttpError(409, 'batch_conflict', `batch ${batch.batchId} was already used for different numbers`);
      }
      // Applied already; the hash shows these are its numbers, so they are matched again as things stand now:
      // hidden and deleted users drop out. Users who joined after it was applied are left out too: the owner
      // held their number then, so a join event tells of them, and a match as well would make that join old news.
      const stored = JSON.parse(done.response) as StoredAnswer;
      await takeJoinLock(trx, dialect, 'shared');
      return answer(stored, await matchesAmong(trx, dialect, ownerId, addKeys, Number(done.created_at)));
    }

    const tokens = refill({ tokens: Number(user.budget_tokens), at: Number(user.budget_at) }, budget, now);
    // Only a batch with more numbers than the budget allows needs to know which it holds before adding any.
    if (addKeys.length > tokens) {
      const held = await heldAmong(trx, dialect, ownerId, addKeys);
      const newCount = addKeys.filter((k) => !held.has(k)).length;
      if (newCount > tokens) {
        const wait = secondsUntil(tokens, newCount, budget);
        throw tooMany(
          'budget_exhausted',
          `this batch adds ${newCount} new numbers but the account may add ${Math.floor(tokens)} now`,
          Number.isFinite(wait) ? wait : 86_400,
        );
      }
    }

    await takeJoinLock(trx, dialect, 'shared');
    const newKeys = addKeys.length > 0 ? await insertNewContacts(trx, dialect, ownerId, addKeys) : [];
    const goneKeys = removeKeys.length > 0 ? await deleteHeldContacts(trx, dialect, ownerId, removeKeys) : [];
    const matches = await matchesAmong(trx, dialect, ownerId, addKeys);

    const setHash = toggleSetHash(user.set_hash, [...newKeys, ...goneKeys].map(fromStored));
    const count = Number(user.contact_count) + newKeys.length - goneKeys.length;
    const stored: StoredAnswer = {
      batchId: batch.batchId,
      added: newKeys.length,
      removed: goneKeys.length,
      setHash,
      count,
    };
    // A batch that changed nothing leaves the account row alone: the set is the same, and the budget refills the
    // same from its last stored point as from now, since nothing was spent.
    if (newKeys.length > 0 || goneKeys.length > 0) {
      await trx
        .updateTable('users')
        .set({ set_hash: setHash, contact_count: count, budget_tokens: tokens - newKeys.length, budget_at: now })
        .where('id', '=', ownerId)
        .execute();
    }
    await trx
      .insertInto('upload_batches')
      .values({
        owner_id: ownerId,
        batch_id: batch.batchId,
        request_hash: requestHash,
        response: JSON.stringify(stored),
        created_at: now,
      })
      .execute();
    return answer(stored, matches);
  });
}

/** The answer in one key order, first time or replayed, so that a resent batch gets the same bytes. */
function answer(stored: StoredAnswer, matches: BatchResult['matches']): BatchResult {
  const { batchId, added, removed, setHash, count } = stored;
  return { batchId, added, removed, matches, setHash, count };
}

/**
 * Which of the numbers belong to registered, discoverable users other than the owner, in order; with `joinedBy`,
 * only users who had joined by then.
 */
async function matchesAmong(
  trx: Transaction<Database>,
  dialect: DialectName,
  ownerId: number,
  keys: readonly number[],
  joinedBy?: number,
): Promise<BatchResult['matches']> {
  if (keys.length === 0) return [];
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'e164'])
    .where(inNumbers(dialect, 'e164', keys))
    .where('discoverable', '=', 1)
    .where('id', '<>', ownerId)
    .$if(joinedBy !== undefined, (q) => q.where('created_at', '<=', joinedBy!))
    .orderBy('e164')
    .execute();
  return rows.map((m) => ({ userId: Number(m.id), e164: fromStored(m.e164) }));
}

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * What a batch id is bound to: its distinct numbers, sorted (numbers sort and serialize far faster than texts),
 * under a keyed hash. A plain hash of a list this short could be reversed by trying numbers.
 */
export function hashRequest(secret: ServerSecret, addKeys: readonly number[], removeKeys: readonly number[]): string {
  return keyedHash(secret, 'kith-batch', JSON.stringify([addKeys, removeKeys]));
}
