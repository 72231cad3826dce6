/**
 * Applies one client batch to the caller's uploaded set, exactly once per batch id, and answers which of the
 * added numbers belong to registered, discoverable users.
 */
import { createHash } from 'node:crypto';
import type { BatchResult } from '../../protocol/api.ts';
import { toggleSetHash } from '../../protocol/set-hash.ts';
import type { BudgetConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { fromStored, toStored } from '../db/schema.ts';
import { deleteHeldContacts, heldAmong, inNumbers, insertNewContacts, takeJoinLock } from '../db/sql.ts';
import { HttpError, tooMany } from '../http/errors.ts';
import { refill, secondsUntil } from './budget.ts';

export interface Batch {
  batchId: string;
  add: readonly string[];
  remove: readonly string[];
}

export async function applyBatch(
  { db, dialect }: Connection,
  ownerId: number,
  batch: Batch,
  budget: BudgetConfig,
  now: number,
): Promise<BatchResult> {
  // In ascending order, so that inserting walks each index from one end to the other.
  const addKeys = [...new Set(batch.add)].map(toStored).sort(ascending);
  const removeKeys = [...new Set(batch.remove)].map(toStored).sort(ascending);
  const requestHash = hashRequest(addKeys, removeKeys);

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
      .select(['request_hash', 'response'])
      .where('owner_id', '=', ownerId)
      .where('batch_id', '=', batch.batchId)
      .executeTakeFirst();
    if (done) {
      if (done.request_hash !== requestHash && done.request_hash !== legacyHash(batch)) {
        throw new HttpError(409, 'batch_conflict', `batch ${batch.batchId} was already used for different numbers`);
      }
      return JSON.parse(done.response) as BatchResult;
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
    const matches =
      addKeys.length === 0
        ? []
        : await trx
            .selectFrom('users')
            .select(['id', 'e164'])
            .where(inNumbers(dialect, 'e164', addKeys))
            .where('discoverable', '=', 1)
            .where('id', '<>', ownerId)
            .orderBy('e164')
            .execute();

    const setHash = toggleSetHash(user.set_hash, [...newKeys, ...goneKeys].map(fromStored));
    const count = Number(user.contact_count) + newKeys.length - goneKeys.length;
    const result: BatchResult = {
      batchId: batch.batchId,
      added: newKeys.length,
      removed: goneKeys.length,
      matches: matches.map((m) => ({ userId: Number(m.id), e164: fromStored(m.e164) })),
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
        response: JSON.stringify(result),
        created_at: now,
      })
      .execute();
    return result;
  });
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** What a batch id is bound to: its distinct numbers, sorted. Numbers sort and serialize far faster than texts. */
function hashRequest(addKeys: readonly number[], removeKeys: readonly number[]): string {
  return createHash('sha256')
    .update(JSON.stringify([addKeys, removeKeys]))
    .digest('hex');
}

/**
 * The hash that batches were recorded with before, over the sorted texts: a client retrying such a batch must not
 * get a conflict. Records expire after `batchRetentionDays`, so this can go once no server holds one.
 */
function legacyHash(batch: Batch): string {
  const sorted = (numbers: readonly string[]) => [...new Set(numbers)].sort();
  return createHash('sha256')
    .update(JSON.stringify([sorted(batch.add), sorted(batch.remove)]))
    .digest('hex');
}
