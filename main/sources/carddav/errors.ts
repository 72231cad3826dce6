// Every CardDAV failure becomes one kind with a catalog sentence; the technical text rides along as `detail`.
// i18n-ignore-file: technical detail for the log; sentences come from the catalog
import { t, type MessageId } from '../../../i18n/index.ts';

export type CardDavErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not-carddav'
  | 'gone'
  | 'insecure'
  | 'redirects'
  | 'downgrade'
  | 'tls-self-signed'
  | 'tls-untrusted'
  | 'tls-expired'
  | 'tls-name'
  | 'tls'
  | 'timeout'
  | 'unreachable'
  | 'malformed'
  | 'too-large'
  | 'server';

export const MB = 1024 * 1024;

/** A failure of a whole request. `message` is for people; `detail` is for the log and never holds credentials. */
export class CardDavError extends Error {
  readonly kind: CardDavErrorKind;
  readonly detail: string;
  readonly status: number | undefined;

  constructor(kind: CardDavErrorKind, url: string, detail: string, extra: { status?: number; limit?: number } = {}) {
    const host = hostOf(url);
    super(
      t(`carddav.error.${kind}` as MessageId, {
        host,
        status: extra.status ?? 0,
        limit: (extra.limit ?? 0) / MB,
      }),
    );
    this.name = 'CardDavError';
    this.kind = kind;
    this.status = extra.status;
    this.detail = `${redact(url)}: ${detail}`;
  }
}

/** The URL without any user name or password in it. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return '(invalid URL)';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.replace(/^[a-z]+:\/\/[^@/]*@/i, '');
  }
}

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'ECONNABORTED',
]);

/** A socket or TLS error from node:http(s), classified. */
export function fromNetworkError(url: string, error: unknown): CardDavError {
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  const detail =
    error instanceof Error && error.message && error.message !== text ? `${text} (${error.message})` : text;
  if (typeof code === 'string') {
    if (SELF_SIGNED.has(code)) return new CardDavError('tls-self-signed', url, detail);
    if (UNTRUSTED.has(code)) return new CardDavError('tls-untrusted', url, detail);
    if (EXPIRED.has(code)) return new CardDavError('tls-expired', url, detail);
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return new CardDavError('tls-name', url, detail);
    if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.startsWith('CERT_'))
      return new CardDavError('tls', url, detail);
    if (code === 'ETIMEDOUT') return new CardDavError('timeout', url, detail);
    if (UNREACHABLE.has(code)) return new CardDavError('unreachable', url, detail);
  }
  return new CardDavError('unreachable', url, detail);
}

/** A non-success HTTP status, classified. */
export function fromStatus(url: string, status: number, context: string): CardDavError {
  const detail = `${context}: HTTP ${status}`;
  if (status === 401) return new CardDavError('auth', url, detail, { status });
  if (status === 403) return new CardDavError('forbidden', url, detail, { status });
  if (status === 404 || status === 410) return new CardDavError('gone', url, detail, { status });
  if (status === 405 || status === 501) return new CardDavError('not-carddav', url, detail, { status });
  return new CardDavError('server', url, detail, { status });
}
