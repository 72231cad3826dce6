import { ipcMain } from 'electron';
import log from 'electron-log/main';
import path from 'node:path';

// The main process logs through electron-log: a file in userData/logs plus the console. Every message passes
// the redaction hook first, so a session token, an Authorization header or a cookie never reaches the file,
// whatever an engine module or a library error happens to carry.

const REDACTED = '[redacted]';
/** electron-log's own IPC channel, for logging from renderers; Kith's renderer logs nothing through it. */
const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__';
const MAX_DEPTH = 5;

/** Property names whose values are secrets wherever they appear (headers, options, error payloads). */
const SECRET_KEY = /token|authorization|cookie|secret|password|passphrase|^devcode$|^otp$|api[-_]?key/i;

const SECRET_TEXT: ReadonlyArray<[RegExp, string]> = [
  // HTTP auth schemes in headers, curl lines and error messages.
  [/\b(Bearer|Basic|Token)\s+[\w\-.~+/]+=*/gi, `$1 ${REDACTED}`],
  // Credentials in query strings and form bodies.
  [/([?&;\s"'](?:access_token|refresh_token|session_token|token|code|password|key)=)[^&#\s"']+/gi, `$1${REDACTED}`],
  // user:password@ in URLs.
  [/(\b[a-z][a-z\d+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${REDACTED}@`],
];

export function redactText(text: string): string {
  return SECRET_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` that is safe to write down: secret-named properties blanked, secrets in text replaced,
 * errors kept as errors (name, message and stack redacted, own fields copied), other class instances (sockets,
 * requests, the database) reduced to their class name, and the depth bounded.
 */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[array]' : '[object]';
  seen.add(value);
  const copyFields = (from: object, to: Record<string, unknown>): void => {
    for (const [key, field] of Object.entries(from)) {
      to[key] =
        SECRET_KEY.test(key) && field !== null && field !== undefined ? REDACTED : redact(field, depth + 1, seen);
    }
  };
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message)) as Error & Record<string, unknown>;
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack);
    copyFields(value, copy);
    // A cause given to the constructor is not enumerable, so copyFields skipped it.
    if (value.cause !== undefined && !Object.hasOwn(copy, 'cause')) copy.cause = redact(value.cause, depth + 1, seen);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  if (value instanceof Date) return value;
  if (value instanceof URL) return redactText(value.href);
  if (!isPlainObject(value)) return `[${value.constructor?.name ?? 'object'}]`;
  const copy: Record<string, unknown> = {};
  copyFields(value, copy);
  return copy;
}

export interface LoggingOptions {
  readonly userDataDir: string;
  readonly development: boolean;
}

/**
 * Sends the main process's output through electron-log, `console.*` included, so that engine modules (which
 * know nothing of Electron) are logged and redacted too. Renderers get no logging bridge: `log.initialize()`
 * (which would inject a preload into every session) is not called, and the IPC listeners electron-log registers
 * on import are removed, since they check neither the sender nor the message.
 */
export function setupLogging(options: LoggingOptions): typeof log {
  ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL);
  ipcMain.removeHandler(ELECTRON_LOG_CHANNEL);
  log.transports.file.resolvePathFn = () => path.join(options.userDataDir, 'logs', 'main.log');
  log.transports.file.level = options.development ? 'debug' : 'info';
  log.transports.console.level = options.development ? 'debug' : 'info';
  log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redact(item)) }));
  Object.assign(console, log.functions);
  log.errorHandler.startCatching({ showDialog: false });
  return log;
}
