/**
 * From a failure's technical text (`PUT /v1/contacts/batches/bk-1: ECONNREFUSED`, `POST /v1/verification/verify: 400
 * wrong_code`, a store or import failure) to what a person reads: its kind, then a catalog message for where it is
 * shown. The text itself becomes the detail, for a Details disclosure. Pure (no DOM, no Node), so it runs wherever the
 * text is shown; the renderer uses it.
 */
import { t, type MessageId, type MessageValues } from './index.ts';

export type ErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'server'
  | 'rate-limited'
  | 'signed-out'
  | 'refused'
  | 'too-large'
  | 'conflict'
  | 'store-full'
  | 'store-read-only'
  | 'store-io'
  | 'store-busy'
  | 'store-corrupt'
  | 'store-cannot-open'
  | 'not-address-book'
  | 'unknown-content'
  | 'wrong-type'
  | 'empty-file'
  | 'no-contacts'
  | 'unreadable-file'
  | 'wrong-code'
  | 'code-expired'
  | 'too-many-attempts'
  | 'challenge'
  | 'no-code-pending'
  | 'other';

/** Where the error is shown, which decides what the user is told to do. */
export type ErrorContext = 'sync' | 'sign-out' | 'sign-in' | 'action' | 'import';

/** What the technical text says: each part null when it does not say it. */
export interface ErrorFacts {
  method: string | null;
  path: string | null;
  /** An errno (`ECONNREFUSED`), an SQLite result code, or a TLS error code. */
  code: string | null;
  status: number | null;
  /** The server's own error code (`wrong_code`, `rate_limited`). */
  serverCode: string | null;
  /** What the file really is, for an import that is not an address book (`png`, `pdf`). */
  format: string | null;
  /** A store failure, as main/store/errors.ts words it. */
  store: 'full' | 'read-only' | 'io' | 'busy' | 'corrupt' | 'cannot-open' | null;
}

const STORE_PHRASES: Array<[RegExp, NonNullable<ErrorFacts['store']>]> = [
  [/^the disk holding the store .* is full/, 'full'],
  [/^the store .* cannot be written: the file or its folder is read-only/, 'read-only'],
  [/^the store .* could not be read or written/, 'io'],
  [/^the store .* is locked by another Kith process/, 'busy'],
  [/^the store .* is damaged/, 'corrupt'],
  [/^the store .* cannot be opened/, 'cannot-open'],
];

const FORMATS: Array<[RegExp, string]> = [
  [/\bPNG\b/, 'png'],
  [/\bJPEG\b/, 'jpeg'],
  [/\bGIF\b/, 'gif'],
  [/\bPDF\b/, 'pdf'],
  [/\bZIP\b/, 'zip'],
  [/\bgzip\b/, 'gzip'],
  [/\bSQLite\b/, 'sqlite'],
];

const TLS_CODE = /^(?:EPROTO$|ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_)/;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ERR_NETWORK',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/** Reads the parts of a failure's technical text. */
export function parseError(text: string): ErrorFacts {
  const call = /\b(GET|POST|PUT|PATCH|DELETE) (\/[^\s:]*): ?(.*)$/.exec(text);
  const after = call?.[3] ?? '';
  const answer = /^(\d{3})(?: ([a-z][a-z0-9_]*))?/.exec(after);
  let code = /\b((?:E[A-Z]{2,}|SQLITE|ERR|CERT|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)[A-Z0-9_]*)\b/.exec(text)?.[1] ?? null;
  if (code === null && /\btimed out\b/.test(after)) code = 'ETIMEDOUT';
  if (code === null && /socket hang up|fetch failed/.test(text)) code = 'ECONNRESET';
  if (code === null && /certificate|\bTLS\b|\bSSL\b/i.test(text)) code = 'CERT_INVALID';
  const bare = text.replace(/^kith sync: /, '');
  return {
    method: call?.[1] ?? null,
    path: call?.[2] ?? null,
    code,
    status: answer ? Number(answer[1]) : null,
    serverCode: answer?.[2] ?? null,
    format: /not an address book: this is/.test(text)
      ? (FORMATS.find(([pattern]) => pattern.test(text))?.[1] ?? 'other')
      : null,
    store: STORE_PHRASES.find(([pattern]) => pattern.test(bare))?.[1] ?? null,
  };
}

const SERVER_CODES: Record<string, ErrorKind> = {
  wrong_code: 'wrong-code',
  code_expired: 'code-expired',
  too_many_attempts: 'too-many-attempts',
  too_many_codes: 'rate-limited',
  rate_limited: 'rate-limited',
  challenge_required: 'challenge',
};

/** The kind of failure `facts` describe, `text` the technical text they came from (for import problems). */
export function errorKind(facts: ErrorFacts, text = ''): ErrorKind {
  if (facts.store) return `store-${facts.store}`;
  if (facts.format) return 'not-address-book';
  if (/not an address book: found neither/.test(text)) return 'unknown-content';
  if (/\bthe file is empty\b/.test(text)) return 'empty-file';
  if (/\bno contacts could be read\b/.test(text)) return 'no-contacts';
  // With its file in front (`/home/ann/book.vcf: permission denied`, the CLI's form) or without (the app's).
  if (/(?:^|: )(?:no such file|permission denied|cannot read the file|is a directory)/.test(text)) {
    return 'unreadable-file';
  }
  if (/^no code is pending for /.test(text)) return 'no-code-pending';
  if (/^not signed in\b/.test(text)) return 'signed-out';
  const known = facts.serverCode ? SERVER_CODES[facts.serverCode] : undefined;
  if (known) return known;
  if (facts.status !== null) {
    if (facts.status === 401) return 'signed-out';
    if (facts.status === 429) return 'rate-limited';
    if (facts.status === 428) return 'challenge';
    if (facts.status === 408 || facts.status >= 500) return 'server';
    if (facts.status === 413) return 'too-large';
    if (facts.status === 409) return 'conflict';
    if (facts.status >= 400) return 'refused';
  }
  if (facts.code) {
    if (TLS_CODE.test(facts.code)) return 'tls';
    if (TIMEOUT_CODES.has(facts.code)) return 'timeout';
    if (NETWORK_CODES.has(facts.code)) return 'unreachable';
  }
  return 'other';
}

type Table = Partial<Record<ErrorKind, MessageId>>;

const STORE: Table = {
  'store-full': 'errors.store.full',
  'store-read-only': 'errors.store.readOnly',
  'store-io': 'errors.store.io',
  'store-busy': 'errors.store.busy',
  'store-corrupt': 'errors.store.corrupt',
  'store-cannot-open': 'errors.store.cannotOpen',
};

const IMPORT: Table = {
  'not-address-book': 'errors.import.notAddressBook',
  'unknown-content': 'errors.import.unknownContent',
  'wrong-type': 'errors.import.wrongType',
  'empty-file': 'errors.import.empty',
  'no-contacts': 'errors.import.noContacts',
  'unreadable-file': 'errors.import.unreadable',
};

const ACTION: Table = {
  unreachable: 'errors.action.unreachable',
  timeout: 'errors.action.timeout',
  tls: 'errors.action.tls',
  server: 'errors.action.server',
  'rate-limited': 'errors.action.rateLimited',
  'signed-out': 'errors.action.signedOut',
  refused: 'errors.action.refused',
  'too-large': 'errors.action.refused',
  conflict: 'errors.action.refused',
};

const TABLES: Record<ErrorContext, Table> = {
  sync: {
    unreachable: 'errors.sync.unreachable',
    timeout: 'errors.sync.timeout',
    tls: 'errors.sync.tls',
    server: 'errors.sync.server',
    'rate-limited': 'errors.sync.rateLimited',
    'signed-out': 'errors.sync.signedOut',
    refused: 'errors.sync.refused',
    'too-large': 'errors.sync.tooLarge',
    conflict: 'errors.sync.conflict',
  },
  'sign-out': {
    unreachable: 'errors.sync.signOut',
    timeout: 'errors.sync.signOut',
    tls: 'errors.sync.signOut',
    server: 'errors.sync.signOut',
    'rate-limited': 'errors.sync.signOut',
  },
  'sign-in': {
    unreachable: 'errors.signIn.unreachable',
    timeout: 'errors.signIn.timeout',
    tls: 'errors.signIn.tls',
    server: 'errors.signIn.server',
    'rate-limited': 'errors.signIn.rateLimited',
    refused: 'errors.signIn.refused',
    'too-large': 'errors.signIn.refused',
    conflict: 'errors.signIn.refused',
    'wrong-code': 'errors.signIn.wrongCode',
    'code-expired': 'errors.signIn.codeExpired',
    'too-many-attempts': 'errors.signIn.tooManyAttempts',
    challenge: 'errors.signIn.challenge',
    'no-code-pending': 'errors.signIn.noCodePending',
  },
  action: ACTION,
  import: { ...IMPORT, ...ACTION },
};

/** The catalog message for a kind of failure shown in `context`; null when there is none (the text is shown as is). */
export function errorMessageId(kind: ErrorKind, context: ErrorContext): MessageId | null {
  return TABLES[context][kind] ?? STORE[kind] ?? ACTION[kind] ?? null;
}

export interface PlainError {
  kind: ErrorKind;
  /** What happened and what to do, in words. */
  message: string;
  /** The technical text, for the log and the Details disclosure; null when the message is that text already. */
  detail: string | null;
}

/**
 * What the user reads for a failure's technical text. A text of no known kind is a sentence meant for the user
 * already (a wrong number, an unknown country) and is shown as is. `values` fill the message (`file`, `when`).
 */
export function plainError(text: string, context: ErrorContext, values: MessageValues = {}): PlainError {
  const facts = parseError(text);
  const kind = errorKind(facts, text);
  const id = errorMessageId(kind, context);
  if (id === null) return { kind, message: text, detail: null };
  return { kind, message: t(id, { format: facts.format ?? 'other', ...values }), detail: text };
}
