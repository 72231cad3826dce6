import type { ImportIssue } from '../import/types.ts';
import { recountNumbers } from './numbers.ts';
import type { Db } from './open.ts';
import type { SourceKind, SourceRow } from './types.ts';

/** A file source in the shape file readers know: `kind` is its format. */
const FILE_COLUMNS = 'id, path, format AS kind, file_hash, imported_at, records_read, report';

export function findSource(db: Db, path: string): SourceRow | undefined {
  return db.prepare(`SELECT ${FILE_COLUMNS} FROM sources WHERE path = ?`).get(path) as SourceRow | undefined;
}

/** The source row for a file, created on first import. */
export function upsertSource(db: Db, path: string, format: SourceKind, fileHash: string, now: number): number {
  const row = db
    .prepare(
      `INSERT INTO sources (kind, name, path, format, file_hash, imported_at) VALUES ('file', ?, ?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET format = excluded.format, file_hash = excluded.file_hash,
         imported_at = excluded.imported_at
       RETURNING id`,
    )
    .get(fileName(path), path, format, fileHash, now) as { id: number };
  return row.id;
}

/** A file source's display name: the last part of its path. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
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

/** The file sources (imported files); see `listAllSources` for every kind. */
export function listSources(db: Db): SourceRow[] {
  return db.prepare(`SELECT ${FILE_COLUMNS} FROM sources WHERE kind = 'file' ORDER BY id`).all() as SourceRow[];
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

/** What a source is: an imported file, or an address book followed live. */
export type SourceType = 'file' | 'carddav' | 'eds' | 'macos' | 'windows';
export type SourceState = 'ok' | 'missing' | 'error';

/** The counts of a source's last import or sync. */
export interface SourceResult {
  added: number;
  updated: number;
  removed: number;
}

/** A source of any kind, as the store keeps it. */
export interface Source {
  id: number;
  kind: SourceType;
  name: string;
  /** A file's path and format; null for a live source. */
  path: string | null;
  format: SourceKind | null;
  settings: Record<string, unknown>;
  state: SourceState;
  /** The last import or sync that succeeded, in ms. */
  lastSyncAt: number | null;
  lastResult: SourceResult | null;
  lastError: string | null;
  nextPollAt: number | null;
  /** Seconds between polls. */
  pollInterval: number | null;
  syncState: unknown;
}

/** Seconds between two polls of a CardDAV or evolution-data-server book, unless the source says otherwise. */
export const DEFAULT_POLL_INTERVAL = 900;

const POLLED: ReadonlySet<SourceType> = new Set(['carddav', 'eds']);
/** Settings are stored in the clear: anything named like a secret is refused. */
const SECRET = /pass|secret|token|credential|auth/i;

interface SourceDbRow {
  id: number;
  kind: SourceType;
  name: string;
  path: string | null;
  format: SourceKind | null;
  settings: string;
  state: SourceState;
  imported_at: number | null;
  last_result: string | null;
  last_error: string | null;
  next_poll_at: number | null;
  poll_interval: number | null;
  sync_state: string | null;
}

function toSource(r: SourceDbRow): Source {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    path: r.path,
    format: r.format,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
    state: r.state,
    lastSyncAt: r.imported_at,
    lastResult: r.last_result === null ? null : (JSON.parse(r.last_result) as SourceResult),
    lastError: r.last_error,
    nextPollAt: r.next_poll_at,
    pollInterval: r.poll_interval,
    syncState: r.sync_state === null ? null : JSON.parse(r.sync_state),
  };
}

const SOURCE_COLUMNS = `id, kind, name, path, format, settings, state, imported_at, last_result, last_error,
  next_poll_at, poll_interval, sync_state`;

/** Every source, files and live address books, in the order they were added. */
export function listAllSources(db: Db): Source[] {
  return (db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY id`).all() as SourceDbRow[]).map(toSource);
}

export function getSource(db: Db, id: number): Source | undefined {
  const row = db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = ?`).get(id) as SourceDbRow | undefined;
  return row && toSource(row);
}

export interface NewLiveSource {
  kind: Exclude<SourceType, 'file'>;
  name: string;
  /** How to reach it (a URL, a book's uid); never a password. */
  settings: Record<string, unknown>;
  pollInterval?: number;
}

/** Adds an address book to follow; it is polled at once. */
export function addLiveSource(db: Db, source: NewLiveSource, now: number): number {
  const secret = Object.keys(source.settings).find((k) => SECRET.test(k));
  if (secret !== undefined) throw new Error(`bug: a source's settings must not hold credentials (${secret})`);
  const interval = source.pollInterval ?? (POLLED.has(source.kind) ? DEFAULT_POLL_INTERVAL : null);
  const row = db
    .prepare(
      `INSERT INTO sources (kind, name, settings, poll_interval, next_poll_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(source.kind, source.name, JSON.stringify(source.settings), interval, now) as { id: number };
  return row.id;
}

/** The next poll, one interval after the time bound in its place; none for a source that is not polled. */
const NEXT_POLL = 'CASE WHEN poll_interval IS NULL THEN NULL ELSE ? + poll_interval * 1000 END';

/** A sync or import that succeeded: its counts, and the next poll one interval later. */
export function recordSourceResult(db: Db, id: number, result: SourceResult, now: number): void {
  db.prepare(
    `UPDATE sources SET state = 'ok', last_error = NULL, imported_at = ?, last_result = ?,
       next_poll_at = ${NEXT_POLL}
     WHERE id = ?`,
  ).run(now, JSON.stringify(result), now, id);
}

/** A sync that failed: the source is `missing` (gone, not found) or in `error`, with the sentence that says why. */
export function recordSourceFailure(
  db: Db,
  id: number,
  state: Exclude<SourceState, 'ok'>,
  message: string,
  now: number,
): void {
  db.prepare(
    `UPDATE sources SET state = ?, last_error = ?,
       next_poll_at = ${NEXT_POLL}
     WHERE id = ?`,
  ).run(state, message, now, id);
}

/** What a sync hands to the next one (a CardDAV sync token and ETags); null forgets it. */
export function setSyncState(db: Db, id: number, state: unknown): void {
  db.prepare('UPDATE sources SET sync_state = ? WHERE id = ?').run(state === null ? null : JSON.stringify(state), id);
}

/** A card of a live source as last applied: its tag, and the keys of the contacts it gave. */
export interface StoredCard {
  tag: string;
  contactKeys: string[];
}

export function sourceCards(db: Db, sourceId: number): Map<string, StoredCard> {
  const rows = db
    .prepare('SELECT ref, tag, contact_keys FROM source_cards WHERE source_id = ?')
    .all(sourceId) as Array<{ ref: string; tag: string; contact_keys: string }>;
  return new Map(rows.map((r) => [r.ref, { tag: r.tag, contactKeys: JSON.parse(r.contact_keys) as string[] }]));
}

/** Statements to keep `source_cards` in step with the cards applied. */
export function sourceCardWriter(db: Db, sourceId: number) {
  const put = db.prepare(
    `INSERT INTO source_cards (source_id, ref, tag, contact_keys) VALUES (?, ?, ?, ?)
     ON CONFLICT (source_id, ref) DO UPDATE SET tag = excluded.tag, contact_keys = excluded.contact_keys`,
  );
  const drop = db.prepare('DELETE FROM source_cards WHERE source_id = ? AND ref = ?');
  const count = db.prepare('SELECT count(*) FROM source_cards WHERE source_id = ?').pluck();
  return {
    put(ref: string, tag: string, contactKeys: readonly string[]): void {
      put.run(sourceId, ref, tag, JSON.stringify(contactKeys));
    },
    remove(ref: string): void {
      drop.run(sourceId, ref);
    },
    count(): number {
      return count.get(sourceId) as number;
    },
  };
}
