/**
 * What can go wrong reading GNOME's address books, told apart so that the caller can say what to do: no session bus,
 * the service missing, an address book removed, the service stopping while followed, or anything else it reports.
 */
import { t } from '../../../i18n/index.ts';

export type EdsFailureKind = 'no-session-bus' | 'not-running' | 'stopped' | 'book-gone' | 'failed';

export class EdsError extends Error {
  readonly kind: EdsFailureKind;
  /** The address book concerned, when there is one. */
  readonly book: string | null;

  constructor(kind: EdsFailureKind, message: string, book: string | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EdsError';
    this.kind = kind;
    this.book = book;
  }
}

export function noSessionBus(cause?: unknown): EdsError {
  return new EdsError('no-session-bus', t('eds.noSessionBus'), null, { cause });
}

export function notRunning(cause?: unknown): EdsError {
  return new EdsError('not-running', t('eds.notRunning'), null, { cause });
}

export function bookGone(book: string, cause?: unknown): EdsError {
  return new EdsError('book-gone', t('eds.bookGone', { book }), book, { cause });
}

export function stopped(book: string): EdsError {
  return new EdsError('stopped', t('eds.stopped', { book }), book);
}

/** The D-Bus error name, when `err` is one (dbus-next's DBusError carries it as `type`). */
export function dbusErrorName(err: unknown): string | null {
  const type = (err as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : null;
}

function reasonOf(err: unknown): string {
  const text = (err as { text?: unknown } | null)?.text;
  if (typeof text === 'string' && text) return text;
  return err instanceof Error ? err.message : String(err);
}

const SERVICE_MISSING = new Set([
  'org.freedesktop.DBus.Error.ServiceUnknown',
  'org.freedesktop.DBus.Error.NameHasNoOwner',
  'org.freedesktop.DBus.Error.Spawn.ExecFailed',
  'org.freedesktop.DBus.Error.Spawn.ChildExited',
  'org.freedesktop.DBus.Error.Spawn.ChildSignaled',
  'org.freedesktop.DBus.Error.Spawn.FileInvalid',
  'org.freedesktop.DBus.Error.Spawn.ServiceNotFound',
  'org.freedesktop.DBus.Error.NoReply',
]);

/** Turns a failed call about `book` into an EdsError. */
export function classify(err: unknown, book: string): EdsError {
  if (err instanceof EdsError) return err;
  const name = dbusErrorName(err);
  if (name !== null && SERVICE_MISSING.has(name)) return notRunning(err);
  if (name === 'org.freedesktop.DBus.Error.UnknownObject' || name === 'org.freedesktop.DBus.Error.UnknownMethod') {
    return bookGone(book, err);
  }
  // EDS maps GLib's G_IO_ERROR_NOT_FOUND (code 1) through this name: "No such source for UID".
  if (name === 'org.gtk.GDBus.UnmappedGError.Quark._g_2dio_2derror_2dquark.Code1') return bookGone(book, err);
  if (name === 'org.gnome.evolution.dataserver.Error.NoSuchBook') return bookGone(book, err);
  return new EdsError('failed', t('eds.failed', { book, reason: reasonOf(err) }), book, { cause: err });
}

export { reasonOf };
