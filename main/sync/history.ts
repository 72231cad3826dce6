/**
 * What was uploaded and what happened: the upload log and the activity feed, newest first.
 *
 * The log is kept per batch; it is read either batch by batch (`uploadLog`, for `kith log`) or by sync run
 * (`uploadRuns`): the batches one engine pass sent share a run id and are shown as one line, which opens to its
 * batches (`uploadRunBatches`) and those to their numbers (`uploadBatchNumbers`). A row without a run id (a
 * deletion, or a batch logged before runs were recorded) is a run of its own.
 */
import type { Db } from '../store/open.ts';
import { cachedStatement } from '../store/statements.ts';
import { isMessageId, t, type MessageId, type MessageValues } from '../../i18n/index.ts';

export type UploadResult = 'applied' | 'rejected' | 'deleted';

export interface UploadLogEntry {
  batchId: string;
  at: number;
  added: string[];
  removed: string[];
  result: UploadResult;
  detail: string | null;
  /** The sync run the batch was sent in, and when that run started; null for a row of its own. */
  runId: string | null;
  runAt: number | null;
}

export function uploadLog(db: Db, limit = 100, offset = 0): UploadLogEntry[] {
  const rows = db
    .prepare(
      `SELECT batch_id, at, added, removed, result, detail, run_id, run_at FROM upload_log
       ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as Array<{
    batch_id: string;
    at: number;
    added: string;
    removed: string;
    result: UploadResult;
    detail: string | null;
    run_id: string | null;
    run_at: number | null;
  }>;
  return rows.map((r) => ({
    batchId: r.batch_id,
    at: r.at,
    added: JSON.parse(r.added) as string[],
    removed: JSON.parse(r.removed) as string[],
    result: r.result,
    detail: r.detail,
    runId: r.run_id,
    runAt: r.run_at,
  }));
}

/** One sync run (or a row of its own) with its totals. */
export interface UploadRun {
  /** The id of the run's first log row: what its batches are asked for by. */
  id: number;
  runId: string | null;
  /** When the run started (for a row of its own: when it was logged). */
  at: number;
  /** `deleted`: everything uploaded was deleted from the server (or the account was). */
  kind: 'sync' | 'deleted';
  batches: number;
  /** Numbers added and removed by the batches the server applied. */
  added: number;
  removed: number;
  /** Batches the server refused, and the numbers in them. */
  refusedBatches: number;
  refusedNumbers: number;
  /** The detail of a run with one row (what a deletion did, why a lone batch was refused). */
  detail: string | null;
}

/** One batch of a run, without its numbers. */
export interface UploadBatch {
  id: number;
  batchId: string;
  at: number;
  added: number;
  removed: number;
  result: UploadResult;
  detail: string | null;
}

// A row without a run id is a group of its own. The index on run_id covers this query, so paging through runs
// never reads the number lists.
export const RUN_PAGE = `SELECT min(id) AS id, run_id AS runId FROM upload_log
  GROUP BY run_id, CASE WHEN run_id IS NULL THEN id END
  ORDER BY max(id) DESC LIMIT ? OFFSET ?`;

const RUN_TOTALS = `SELECT count(*) AS batches, coalesce(min(run_at), min(at)) AS at,
    max(result = 'deleted') AS deleted,
    coalesce(sum(CASE WHEN result = 'applied' THEN json_array_length(added) END), 0) AS added,
    coalesce(sum(CASE WHEN result = 'applied' THEN json_array_length(removed) END), 0) AS removed,
    coalesce(sum(result = 'rejected'), 0) AS refusedBatches,
    coalesce(sum(CASE WHEN result = 'rejected' THEN json_array_length(added) + json_array_length(removed) END), 0)
      AS refusedNumbers,
    CASE WHEN count(*) = 1 THEN max(detail) END AS detail
  FROM upload_log`;

/** Runs, newest first (by their latest batch). */
export function uploadRuns(db: Db, limit = 50, offset = 0): UploadRun[] {
  const page = cachedStatement(db, RUN_PAGE).all(limit, offset) as Array<{ id: number; runId: string | null }>;
  const ofRun = cachedStatement(db, `${RUN_TOTALS} WHERE run_id = ?`);
  const ofRow = cachedStatement(db, `${RUN_TOTALS} WHERE id = ?`);
  return page.map(({ id, runId }) => {
    const t = (runId === null ? ofRow.get(id) : ofRun.get(runId)) as Omit<UploadRun, 'id' | 'runId' | 'kind'> & {
      deleted: number;
    };
    const { deleted, ...totals } = t;
    return { id, runId, kind: deleted ? 'deleted' : 'sync', ...totals };
  });
}

/** The run a log row belongs to: its run id, or the row alone. Null when there is no such row. */
function runOf(db: Db, rowId: number): { where: string; param: string | number } | null {
  const row = cachedStatement(db, 'SELECT run_id FROM upload_log WHERE id = ?').get(rowId) as
    { run_id: string | null } | undefined;
  if (!row) return null;
  return row.run_id === null ? { where: 'id = ?', param: rowId } : { where: 'run_id = ?', param: row.run_id };
}

/** The batches of the run that log row `rowId` belongs to, in the order they were sent; null without such a row. */
export function uploadRunBatches(db: Db, rowId: number, limit = 100, offset = 0): UploadBatch[] | null {
  const run = runOf(db, rowId);
  if (!run) return null;
  return cachedStatement(
    db,
    `SELECT id, batch_id AS batchId, at, json_array_length(added) AS added, json_array_length(removed) AS removed,
       result, detail
     FROM upload_log WHERE ${run.where} ORDER BY id LIMIT ? OFFSET ?`,
  ).all(run.param, limit, offset) as UploadBatch[];
}

export interface LoggedNumber {
  e164: string;
  change: 'added' | 'removed';
}

/** A page of one batch's numbers, added ones first; null when there is no such row. */
export function uploadBatchNumbers(
  db: Db,
  rowId: number,
  limit = 100,
  offset = 0,
): { total: number; numbers: LoggedNumber[] } | null {
  const row = cachedStatement(db, 'SELECT added, removed FROM upload_log WHERE id = ?').get(rowId) as
    { added: string; removed: string } | undefined;
  if (!row) return null;
  const added = JSON.parse(row.added) as string[];
  const removed = JSON.parse(row.removed) as string[];
  const all: LoggedNumber[] = [
    ...added.map((e164) => ({ e164, change: 'added' as const })),
    ...removed.map((e164) => ({ e164, change: 'removed' as const })),
  ];
  return { total: all.length, numbers: all.slice(offset, offset + limit) };
}

export interface ActivityEntry {
  at: number;
  kind: 'sync' | 'join' | 'error';
  /** The sentence in English, as written. */
  message: string;
  /** The catalog id and arguments it was made from, so the app can say it in its own locale; null on old entries. */
  messageId: MessageId | null;
  args: MessageValues | null;
}

/** A catalog sentence and its arguments. */
export interface ActivityMessage {
  id: MessageId;
  values?: Record<string, string | number>;
}

/** Adds an entry to the activity feed: a catalog sentence, or a text already made (an error's description). */
export function logActivity(db: Db, at: number, kind: ActivityEntry['kind'], message: string | ActivityMessage): void {
  const [text, id, args] =
    typeof message === 'string'
      ? [message, null, null]
      : [t(message.id, message.values), message.id, JSON.stringify(message.values ?? {})];
  cachedStatement(db, 'INSERT INTO activity (at, kind, message, message_id, message_args) VALUES (?, ?, ?, ?, ?)').run(
    at,
    kind,
    text,
    id,
    args,
  );
}

export function activity(db: Db, limit = 100): ActivityEntry[] {
  const rows = db
    .prepare('SELECT at, kind, message, message_id, message_args FROM activity ORDER BY id DESC LIMIT ?')
    .all(limit) as Array<
    Omit<ActivityEntry, 'messageId' | 'args'> & { message_id: string | null; message_args: string | null }
  >;
  return rows.map(({ message_id, message_args, ...entry }) => {
    // An id this version does not know (written by a newer one) falls back to the stored English text.
    const args = message_id !== null && isMessageId(message_id) ? parseArgs(message_args) : null;
    return { ...entry, messageId: args ? (message_id as MessageId) : null, args };
  });
}

/** An entry's stored arguments; null when they cannot be read, so the entry shows its English text. */
function parseArgs(json: string | null): MessageValues | null {
  try {
    const value: unknown = JSON.parse(json ?? '{}');
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as MessageValues) : null;
  } catch {
    return null;
  }
}
