import { t } from '../../i18n/index.ts';

/** How a failed server call is treated: retried with backoff, retried after the server's delay, or not at all. */
export type FailureKind =
  /** No answer: connection refused or dropped, DNS, timeout. The engine goes offline. */
  | 'network'
  /** 5xx: the server is there but failing. Retried with backoff. */
  | 'server'
  /** 429: retried after Retry-After. */
  | 'rate_limited'
  /** 400, 409, 413: retrying the same request cannot help. */
  | 'rejected'
  /** 401: the session is gone; the user must log in again. */
  | 'unauthorized';

/** Failures a later try can get past by itself: no answer, a failing server, a rate limit. */
export function isTransient(kind: FailureKind): boolean {
  return kind === 'network' || kind === 'server' || kind === 'rate_limited';
}

export class SyncError extends Error {
  readonly kind: FailureKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  /** For a rejected list: which field and entry the server named. */
  readonly field: string | null;
  readonly index: number | null;

  constructor(
    kind: FailureKind,
    message: string,
    extra: { status?: number; retryAfterMs?: number; field?: string; index?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'SyncError';
    this.kind = kind;
    this.status = extra.status ?? null;
    this.retryAfterMs = extra.retryAfterMs ?? null;
    this.field = extra.field ?? null;
    this.index = extra.index ?? null;
  }

  get transient(): boolean {
    return isTransient(this.kind);
  }
}

export class NotSignedInError extends Error {
  constructor() {
    super(t('sync.notSignedIn'));
    this.name = 'NotSignedInError';
  }
}
