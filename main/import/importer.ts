import { readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CountryCode } from 'libphonenumber-js/max';
import { t } from '../../i18n/index.ts';
import type { Db } from '../store/open.ts';
import { contactCount, phoneCounts, sourceContacts, type PhoneCounts } from '../store/contacts.ts';
import { bulkLoadWorthIt, dropBulkIndexes, rebuildBulkIndexes } from '../store/bulk.ts';
import { chosenCountries } from '../store/countries.ts';
import { recordSourceReport, recordSourceResult, reportedLines, upsertSource } from '../store/sources.ts';
import { parseCsvContacts } from './csv/index.ts';
import { detectFormat, type Format } from './detect.ts';
import { digestText, stableKey } from './keys.ts';
import { runInOrder } from './in-order.ts';
import { recordRunner } from './pool.ts';
import { processRecords, type RecordResult, type RecordTask } from './records.ts';
import { SourceSync } from './source-sync.ts';
import type { ImportIssue } from './types.ts';
import { splitVcards, type VcardChunk } from './vcard/index.ts';

/** A whole file could not be imported (missing, unreadable, not an address book). */
export class ImportFileError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(t('import.file.failed', { file, message }));
    this.name = 'ImportFileError';
    this.file = file;
  }
}

export interface ImportProgress {
  file: string;
  done: number;
  total: number;
}

export interface ImportOptions {
  region: CountryCode | null;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  now?: number;
}

export interface FileReport {
  /** The path as given, which also labels the errors. */
  file: string;
  format: Format;
  /** Cards or rows read from the file, good or bad. */
  recordsRead: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Contacts from this file now in the store. */
  contacts: number;
  phones: PhoneCounts;
  errors: ImportIssue[];
}

/** Records per batch handed to a worker: large enough to amortize messaging, small enough to keep both busy. */
const BATCH = 2000;
/** Below this many records, starting threads costs more than it saves. */
const WORKERS_FROM = 1000;
/** A file this large surely holds that many: its threads start before it is split, to be ready when it is. */
const EARLY_THREADS_FROM = 256 * 1024;

function readSource(path: string): { file: string; bytes: Buffer } {
  let file: string;
  try {
    file = realpathSync(resolve(path));
  } catch (err) {
    throw new ImportFileError(path, describeFsError(err));
  }
  try {
    if (statSync(file).isDirectory()) throw new ImportFileError(path, t('import.file.directory'));
    return { file, bytes: readFileSync(file) };
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(path, describeFsError(err));
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return t('import.file.missing');
  if (code === 'EACCES' || code === 'EPERM') return t('import.file.denied');
  return t('import.file.unreadable', { reason: code ?? (err as Error).message });
}

/** Records still to process, each with the digest it will be stored under. */
export type Pending<T> = Array<{ item: T; digest: string }>;

/** Records for the store, in batches: the tasks for the threads, and the digests to store each batch's records under. */
export interface RecordWork {
  tasks: RecordTask[];
  digests: string[][];
}

export function batches<T>(pending: Pending<T>, make: (items: T[]) => RecordTask): RecordWork {
  const work: RecordWork = { tasks: [], digests: [] };
  for (let i = 0; i < pending.length; i += BATCH) {
    const slice = pending.slice(i, i + BATCH);
    work.tasks.push(make(slice.map((p) => p.item)));
    work.digests.push(slice.map((p) => p.digest));
  }
  return work;
}

/** The problems of one record as read, placed in `file`: why it could not be read, or what was repaired. */
export function recordIssues(file: string, r: RecordResult): ImportIssue[] {
  if (!r.ok) return [{ file, line: r.line, message: r.message }];
  return (r.issues ?? []).map(({ line, message }) => ({ file, line, message }));
}

export interface WriteRecordsOptions {
  /** Threads already started for this work; otherwise they start when there is enough of it. */
  runner?: ReturnType<typeof recordRunner>;
  /** Each record as written, in the order given, with the key of its contact; a record that could not be read, with null. */
  onRecord: (result: RecordResult, key: string | null) => void;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Runs once every record is written and before anything is removed; may throw to stop (and roll back). */
  beforeRemoval?: () => void;
}

/**
 * Records in, store updated: parses and normalizes the pending records (in worker threads when there are many),
 * writes each through `sync` in order, removes the contacts of the source that no record kept, and recounts the
 * numbers touched. The counts are on `sync`, the removals are returned. Runs inside the caller's transaction.
 */
export async function writeRecords(
  db: Db,
  sync: SourceSync,
  work: RecordWork,
  opts: WriteRecordsOptions,
): Promise<number> {
  const total = work.digests.reduce((n, d) => n + d.length, 0);
  const bulk = bulkLoadWorthIt(db, total);
  if (bulk) dropBulkIndexes(db);
  let done = 0;
  await runInOrder(
    work.tasks,
    total >= WORKERS_FROM ? (opts.runner ?? recordRunner()) : null,
    processRecords,
    (results, i) => {
      const digests = work.digests[i]!;
      results.forEach((r, k) => opts.onRecord(r, r.ok ? sync.upsert(r, digests[k]!) : null));
      done += results.length;
      opts.onProgress?.(done, total);
    },
  );
  opts.beforeRemoval?.();
  // Removal looks contacts up by id only; the recount needs the e164 index back.
  const removed = sync.removeUnseen();
  if (bulk) rebuildBulkIndexes(db);
  sync.finish();
  return removed;
}

/**
 * Import one file into the store, idempotently: records whose raw text is unchanged since the last import of this
 * path are skipped before parsing, changed ones update their contact, and contacts gone from the file are removed.
 *
 * Parsing and normalization run in worker threads while this thread writes, all inside one transaction on `db`:
 * the file's changes land whole or not at all. Nothing else may write through `db` until the promise settles.
 */
export async function importFile(db: Db, path: string, opts: ImportOptions): Promise<FileReport> {
  const { file, bytes } = readSource(path);
  const detected = detectFormat(bytes);
  if ('problem' in detected) throw new ImportFileError(path, detected.problem);
  const format = detected.format;
  const now = opts.now ?? Date.now();
  const region = opts.region;
  const early = bytes.length >= EARLY_THREADS_FROM ? recordRunner() : null;

  db.exec('BEGIN IMMEDIATE');
  try {
    const sourceId = upsertSource(db, file, format, digestText(bytes), now);
    // The countries the user gave numbers written without one; usually none, then nothing extra crosses to threads.
    const countries = chosenCountries(db);
    const chosen = countries.size > 0 ? countries : undefined;
    // Cards the last import reported a problem in are read again, so that this report names it too. A CSV file is
    // parsed whole on every import, which reports its problems anew: its rows need no second reading.
    const reported = format === 'vcard' ? reportedLines(db, sourceId) : [];
    const sync = new SourceSync(db, sourceId, sourceContacts(db, sourceId), now, reported);
    const errors: ImportIssue[] = [];
    let recordsRead: number;
    let work: RecordWork;

    if (format === 'vcard') {
      const split = splitVcards(bytes, path);
      errors.push(...split.errors);
      recordsRead = split.cards.length;
      const pending: Pending<VcardChunk> = [];
      for (const chunk of split.cards) {
        const digest = digestText(chunk.text);
        if (sync.skipUnchanged(digest, chunk.line, chunk.endLine) === undefined) pending.push({ item: chunk, digest });
      }
      work = batches(pending, (chunks) => ({ kind: 'vcard', region, chosen, chunks }));
    } else {
      const parsed = parseCsvContacts(bytes, path);
      errors.push(...parsed.errors);
      recordsRead = parsed.rows;
      const pending: Pending<(typeof parsed.contacts)[number]> = [];
      for (const c of parsed.contacts) {
        const digest = stableKey(c);
        if (sync.skipUnchanged(digest, c.line, c.line) === undefined) pending.push({ item: c, digest });
      }
      work = batches(pending, (contacts) => ({ kind: 'contacts', region, chosen, contacts }));
    }

    const removed = await writeRecords(db, sync, work, {
      runner: early,
      onRecord: (r) => errors.push(...recordIssues(path, r)),
      onProgress: opts.onProgress && ((done, total) => opts.onProgress?.({ file: path, done, total })),
      beforeRemoval: () => {
        if (sync.added + sync.updated + sync.unchanged === 0 && errors.length > 0) {
          // Nothing readable: a damaged copy must not wipe out what an earlier import of this path stored.
          const first = errors[0]!;
          throw new ImportFileError(path, t('import.file.nothingRead', { line: first.line, message: first.message }));
        }
      },
    });
    errors.sort((a, b) => a.line - b.line);
    recordSourceReport(db, sourceId, recordsRead, errors);
    recordSourceResult(db, sourceId, { added: sync.added, updated: sync.updated, removed }, now);
    const report: FileReport = {
      file: path,
      format,
      recordsRead,
      added: sync.added,
      updated: sync.updated,
      unchanged: sync.unchanged,
      removed,
      contacts: contactCount(db, sourceId),
      // With nothing unchanged, the file's contacts are exactly those just written, whose phones were counted as they
      // went: a join over every phone of the file is then not needed.
      phones: sync.unchanged === 0 ? { ...sync.writtenPhones } : phoneCounts(db, sourceId),
      errors,
    };
    db.exec('COMMIT');
    return report;
  } catch (err) {
    rollBack(db);
    throw err;
  }
}

/** Undoes an import's open transaction after a failure, which stays the error to report. */
export function rollBack(db: Db): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
  } catch {
    // Closing the connection rolls back what is left.
  }
}
