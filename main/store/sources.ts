import type { ImportIssue } from '../import/types.ts';
import { recountNumbers } from './numbers.ts';
import type { Db } from './open.ts';
import type { SourceKind, SourceRow } from './types.ts';

export function findSource(db: Db, path: string): SourceRow | undefined {
  return db.prepare('SELECT * FROM sources WHERE path = ?').get(path) as SourceRow | undefined;
}

/** The source row for a file, created on first import. */
export function upsertSource(db: Db, path: string, kind: SourceKind, fileHash: string, now: number): number {
  const row = db
    .prepare(
      `INSERT INTO sources (path, kind, file_hash, imported_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, file_hash = excluded.file_hash,
         imported_at = excluded.imported_at
       RETURNING id`,
    )
    .get(path, kind, fileHash, now) as { id: number };
  return row.id;
}

export function recordSourceReport(db: Db, id: number, recordsRead: number, issues: readonly ImportIssue[]): void {
  db.prepare('UPDATE sources SET records_read = ?, report = ? WHERE id = ?').run(
    recordsRead,
    JSON.stringify(issues),
    id,
  );
}

/** The lines the source's last report named a problem on, in order. */
export function reportedLines(db: Db, id: number): number[] {
  const report = db.prepare('SELECT report FROM sources WHERE id = ?').pluck().get(id) as string | undefined;
  if (report === undefined || report === '[]') return [];
  const lines = (JSON.parse(report) as ImportIssue[]).map((issue) => issue.line);
  return lines.sort((a, b) => a - b);
}

export function listSources(db: Db): SourceRow[] {
  return db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[];
}

/** Removes the source with its contacts, and releases the numbers only they held. */
export function removeSource(db: Db, id: number, now: number): boolean {
  return db.transaction(() => {
    const numbers = db
      .prepare(
        `SELECT DISTINCT p.e164 FROM phones p JOIN contacts c ON c.id = p.contact_id
         WHERE c.source_id = ? AND p.e164 IS NOT NULL`,
      )
      .pluck()
      .all(id) as string[];
    const removed = db.prepare('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
    recountNumbers(db, numbers, now);
    return removed;
  })();
}
