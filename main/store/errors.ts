/**
 * Failures of the store itself (the disk is full, the file is read-only, the disk fails): told apart from bugs, and
 * said in one line with what to do. SQLite rolls a failed write back, so what was stored before is never lost.
 */
import Database from 'better-sqlite3';
import { t, type MessageId } from '../../i18n/index.ts';
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

export type StoreFailureKind = 'full' | 'read-only' | 'io' | 'busy' | 'corrupt' | 'cannot-open';

/** The CLI's exit status for each kind; distinct from 1 (failure), 2 (usage) and 3 (changes still queued). */
export const STORE_EXIT_CODES: Readonly<Record<StoreFailureKind, number>> = {
  full: 10,
  'read-only': 11,
  io: 12,
  busy: 13,
  corrupt: 14,
  'cannot-open': 15,
};

/** Below this much free space an I/O error is taken for a full disk: SQLite needs 32 KiB just for its `-shm`. */
const NEARLY_FULL_BYTES = 1024 * 1024;

export class StoreError extends Error {
  readonly kind: StoreFailureKind;
  readonly path: string;
  /** What the system said: an SQLite result code (`SQLITE_FULL`) or an errno name (`ENOSPC`). */
  readonly code: string;

  constructor(kind: StoreFailureKind, path: string, code: string, options?: { cause?: unknown }) {
    super(describe(kind, path, code), options);
    this.name = 'StoreError';
    this.kind = kind;
    this.path = path;
    this.code = code;
  }

  get exitCode(): number {
    return STORE_EXIT_CODES[this.kind];
  }
}

const MESSAGES: Readonly<Record<StoreFailureKind, MessageId>> = {
  full: 'store.full',
  'read-only': 'store.readOnly',
  io: 'store.io',
  busy: 'store.busy',
  corrupt: 'store.corrupt',
  'cannot-open': 'store.cannotOpen',
};

function describe(kind: StoreFailureKind, path: string, code: string): string {
  return t(MESSAGES[kind], { path, code });
}

/**
 * The store failure behind `err`, or null when it is something else (a bug, a network error). `path` is the store's
 * file; file-system errors count only when they concern it, its `-wal`/`-shm`, its folder or a folder above it.
 */
export function storeFailure(err: unknown, path: string): StoreError | null {
  if (err instanceof StoreError) return err;
  if (err instanceof Database.SqliteError) {
    const kind = sqliteKind(err.code, path);
    return kind === null ? null : new StoreError(kind, path, err.code, { cause: err });
  }
  const { code, path: about } = (err ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof about !== 'string' || !concernsStore(about, path)) return null;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new StoreError('full', path, code, { cause: err });
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new StoreError('read-only', path, code, { cause: err });
  }
  if (code === 'EIO') return new StoreError('io', path, code, { cause: err });
  // Creating the folder failed: Node's recursive mkdir reports ENOENT even where the disk is read-only.
  if (['ENOTDIR', 'EISDIR', 'EEXIST', 'ENOENT', 'ENAMETOOLONG', 'ELOOP'].includes(code)) {
    const denied = unwritable(dirname(resolve(path)));
    if (denied !== null) return new StoreError('read-only', path, denied, { cause: err });
    return new StoreError('cannot-open', path, code, { cause: err });
  }
  return null;
}

function sqliteKind(code: string, path: string): StoreFailureKind | null {
  if (code === 'SQLITE_FULL') return 'full';
  if (code === 'SQLITE_READONLY_DBMOVED') return 'io';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'read-only';
  // SQLITE_IOERR_SHMSIZE (the -shm cannot grow), _WRITE, _FSYNC… are mostly a full disk; the free space tells.
  if (code.startsWith('SQLITE_IOERR')) return nearlyFull(path) ? 'full' : 'io';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_CANTOPEN')) {
    if (unwritable(dirname(resolve(path))) !== null) return 'read-only';
    return nearlyFull(path) ? 'full' : 'cannot-open';
  }
  return null;
}

/** In the store's folder (the file, its `-wal` and `-shm`), or a folder above it (creating the folders failed). */
function concernsStore(about: string, path: string): boolean {
  const folder = dirname(resolve(path));
  const target = resolve(about);
  return within(target, folder) || within(folder, target);
}

function within(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

function nearlyFull(path: string): boolean {
  try {
    const fs = statfsSync(dirname(resolve(path)));
    return fs.bavail * fs.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

/** Why the nearest folder of `dir` that exists cannot be written to (EROFS, EACCES), or null when it can. */
function unwritable(dir: string): string | null {
  for (let at = dir; ; at = dirname(at)) {
    try {
      accessSync(at, constants.W_OK);
      return null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EACCES';
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return code;
      if (dirname(at) === at) return null;
    }
  }
}
