/** What was uploaded and what happened: the upload log and the activity feed, newest first. */
import type { Db } from '../store/open.ts';

export interface UploadLogEntry {
  batchId: string;
  at: number;
  added: string[];
  removed: string[];
  result: 'applied' | 'rejected' | 'deleted';
  detail: string | null;
}

export function uploadLog(db: Db, limit = 100, offset = 0): UploadLogEntry[] {
  const rows = db
    .prepare('SELECT batch_id, at, added, removed, result, detail FROM upload_log ORDER BY id DESC LIMIT ? OFFSET ?')
    .all(limit, offset) as Array<{
    batch_id: string;
    at: number;
    added: string;
    removed: string;
    result: UploadLogEntry['result'];
    detail: string | null;
  }>;
  return rows.map((r) => ({
    batchId: r.batch_id,
    at: r.at,
    added: JSON.parse(r.added) as string[],
    removed: JSON.parse(r.removed) as string[],
    result: r.result,
    detail: r.detail,
  }));
}

export interface ActivityEntry {
  at: number;
  kind: 'sync' | 'join' | 'error';
  message: string;
}

export function activity(db: Db, limit = 100): ActivityEntry[] {
  return db.prepare('SELECT at, kind, message FROM activity ORDER BY id DESC LIMIT ?').all(limit) as ActivityEntry[];
}
