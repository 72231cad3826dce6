/**
 * The durable outbox. A batch is written in the same transaction that marks its numbers in flight, so a crash
 * leaves either the old state or the queued batch. Its body is frozen: a resend reuses the id and the exact
 * numbers, and the server applies it at most once.
 */
import { randomBytes } from 'node:crypto';
import { cachedStatement } from '../store/statements.ts';
import type { BatchResult } from '../../protocol/api.ts';
import type { Db } from '../store/open.ts';
import { setSetting } from '../store/settings.ts';
import { t } from '../../i18n/index.ts';

export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 1000;

export interface QueuedBatch {
  id: number;
  batchId: string;
  add: string[];
  remove: string[];
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

export function newBatchId(): string {
  return `b${randomBytes(16).toString('base64url')}`;
}

/** The engine pass a batch was sent in: every batch it logs shares the id and the pass's start time. */
export interface SyncRun {
  id: string;
  at: number;
}

export function newSyncRun(at: number): SyncRun {
  return { id: `r${randomBytes(12).toString('base64url')}`, at };
}

/** Numbers to send: wanted but not on the server, or on the server but no longer wanted; none already in flight. */
const PENDING_WHERE = `outbox_id IS NULL AND rejected IS NULL
    AND ((state = 'new' AND refs > 0) OR state = 'pending_removal')`;
const PENDING = `SELECT e164, state = 'new' AS adding FROM numbers WHERE ${PENDING_WHERE} ORDER BY e164`;

/** Cuts every pending change into batches and queues them; returns how many batches were queued. */
export function cutBatches(db: Db, now: number, batchSize = DEFAULT_BATCH_SIZE): number {
  const size = Math.max(1, Math.min(MAX_BATCH_SIZE, batchSize));
  const insert = cachedStatement(
    db,
    `INSERT INTO outbox (batch_id, body, adds, removes, created_at) VALUES (?, ?, ?, ?, ?)`,
  );
  // A slice is a run of consecutive pending numbers in e164 order, read in this same transaction: the pending
  // numbers between its first and last are exactly its numbers. Marking by that range seeks once, not per number.
  const mark = cachedStatement(db, `UPDATE numbers SET outbox_id = ? WHERE e164 BETWEEN ? AND ? AND ${PENDING_WHERE}`);
  return db
    .transaction(() => {
      const rows = cachedStatement(db, PENDING).all() as Array<{ e164: string; adding: number }>;
      let batches = 0;
      for (let i = 0; i < rows.length; i += size) {
        const slice = rows.slice(i, i + size);
        const add = slice.filter((r) => r.adding).map((r) => r.e164);
        const remove = slice.filter((r) => !r.adding).map((r) => r.e164);
        const { lastInsertRowid } = insert.run(
          newBatchId(),
          JSON.stringify({ add, remove }),
          add.length,
          remove.length,
          now,
        );
        mark.run(Number(lastInsertRowid), slice[0]!.e164, slice[slice.length - 1]!.e164);
        batches++;
      }
      return batches;
    })
    .immediate();
}

export function queuedBatches(db: Db): QueuedBatch[] {
  const rows = db.prepare(`SELECT * FROM outbox WHERE state = 'queued' ORDER BY id`).all() as Array<{
    id: number;
    batch_id: string;
    body: string;
    attempts: number;
    next_attempt_at: number;
    last_error: string | null;
  }>;
  return rows.map((r) => {
    const body = JSON.parse(r.body) as { add: string[]; remove: string[] };
    return {
      id: r.id,
      batchId: r.batch_id,
      add: body.add,
      remove: body.remove,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
    };
  });
}

/** When the earliest queued batch may be sent, or null with nothing queued. */
export function nextAttemptAt(db: Db): number | null {
  return db.prepare(`SELECT min(next_attempt_at) FROM outbox WHERE state = 'queued'`).pluck().get() as number | null;
}

export function outboxCounts(db: Db): { queued: number; queuedNumbers: number } {
  const row = db
    .prepare(
      `SELECT count(*) AS queued, coalesce(sum(adds + removes), 0) AS numbers FROM outbox WHERE state = 'queued'`,
    )
    .get() as { queued: number; numbers: number };
  return { queued: row.queued, queuedNumbers: row.numbers };
}

/**
 * Records the server's answer: added numbers are on the server now, removed ones are gone, and the matches are
 * registered users. Changes made while the batch was in flight are respected: a number added but no longer held
 * becomes a pending removal; one removed but held again becomes new.
 */
export function markApplied(db: Db, batch: QueuedBatch, result: BatchResult, now: number, run: SyncRun | null): void {
  db.transaction(() => {
    if (batch.add.length > 0) {
      cachedStatement(
        db,
        `UPDATE numbers SET outbox_id = NULL, synced_at = @now,
           state = CASE WHEN refs > 0 THEN 'synced' ELSE 'pending_removal' END
         WHERE e164 IN (SELECT value FROM json_each(@added))`,
      ).run({ now, added: JSON.stringify(batch.add) });
    }
    if (batch.remove.length > 0) {
      const removed = JSON.stringify(batch.remove);
      cachedStatement(db, `DELETE FROM numbers WHERE refs = 0 AND e164 IN (SELECT value FROM json_each(?))`).run(
        removed,
      );
      cachedStatement(
        db,
        `UPDATE numbers SET outbox_id = NULL, state = 'new', synced_at = NULL, registered_user_id = NULL,
           registered_at = NULL
         WHERE e164 IN (SELECT value FROM json_each(?))`,
      ).run(removed);
    }
    const register = cachedStatement(
      db,
      `UPDATE numbers SET registered_user_id = ?, registered_at = coalesce(registered_at, ?) WHERE e164 = ?`,
    );
    for (const m of result.matches) register.run(String(m.userId), now, m.e164);
    const onKith = result.matches.length > 0 ? t('sync.upload.onKith', { count: result.matches.length }) : null;
    logBatch(db, batch, now, 'applied', onKith, run);
    cachedStatement(db, 'DELETE FROM outbox WHERE id = ?').run(batch.id);
    setSetting(db, 'last_sync_at', String(now));
  })();
}

/** A transient failure: the batch stays queued, to be resent with the same id after the delay. */
export function markRetry(db: Db, batch: QueuedBatch, error: string, nextAttemptAt: number): void {
  db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(
    error,
    nextAttemptAt,
    batch.id,
  );
}

/**
 * A permanent refusal. When the server named one number, only that number is set aside and the rest go back to
 * be sent in a new batch; otherwise the whole batch is set aside. Either way it is logged and not retried until
 * the user asks.
 */
export function markRejected(
  db: Db,
  batch: QueuedBatch,
  error: string,
  offending: string | null,
  now: number,
  run: SyncRun | null,
): void {
  db.transaction(() => {
    const all = JSON.stringify([...batch.add, ...batch.remove]);
    db.prepare(`UPDATE numbers SET outbox_id = NULL WHERE e164 IN (SELECT value FROM json_each(?))`).run(all);
    const reject = db.prepare('UPDATE numbers SET rejected = ? WHERE e164 = ?');
    if (offending) reject.run(error, offending);
    else for (const e164 of [...batch.add, ...batch.remove]) reject.run(error, e164);
    logBatch(db, batch, now, 'rejected', error, run);
    db.prepare('DELETE FROM outbox WHERE id = ?').run(batch.id);
  })();
}

/** The batch id was already used for other numbers (it should not happen): re-queue them under a fresh id. */
export function markReissue(db: Db, batch: QueuedBatch): void {
  db.prepare('UPDATE outbox SET batch_id = ?, attempts = attempts + 1 WHERE id = ?').run(newBatchId(), batch.id);
}

/** How `last_error` starts for a batch the server rate-limited: its wait is the server's, not a backoff. */
export const RATE_LIMITED = 'rate_limited:';

/** Makes every waiting batch due now, except those waiting out Retry-After, and lets rejected numbers be tried again. */
export function retryAllNow(db: Db): void {
  db.transaction(() => {
    db.prepare(
      `UPDATE outbox SET next_attempt_at = 0 WHERE state = 'queued' AND coalesce(last_error, '') NOT LIKE '${RATE_LIMITED}%'`,
    ).run();
    db.prepare('UPDATE numbers SET rejected = NULL WHERE rejected IS NOT NULL').run();
  })();
}

function logBatch(
  db: Db,
  batch: QueuedBatch,
  now: number,
  result: string,
  detail: string | null,
  run: SyncRun | null,
): void {
  cachedStatement(
    db,
    `INSERT INTO upload_log (batch_id, at, added, removed, result, detail, run_id, run_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    batch.batchId,
    now,
    JSON.stringify(batch.add),
    JSON.stringify(batch.remove),
    result,
    detail,
    run?.id ?? null,
    run?.at ?? null,
  );
}
