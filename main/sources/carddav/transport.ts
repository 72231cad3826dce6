// One WebDAV request over node:http(s): Basic auth, certificate checks, connect and body timeouts, a body size cap,
// i18n-ignore-file: protocol headers and technical detail for the log
// and at most a few redirects, never from https to http. Plain http is allowed only to loopback addresses.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { CardDavError, MB, fromNetworkError } from './errors.ts';

export interface Credentials {
  username: string;
  password: string;
}

export interface TransportOptions {
  /** Extra certificate authorities (PEM) to trust, e.g. a self-hosted server's own CA. */
  ca?: string | Buffer;
  connectTimeoutMs?: number;
  /** From sending the request to the last byte of the body. */
  bodyTimeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Called once per request sent on the wire (tests count them). */
  onRequest?: (method: string, url: string) => void;
}

export interface DavRequest {
  method: string;
  depth?: '0' | '1';
  body?: string;
}

export interface DavResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  contentType: string;
  body: string;
}

export const DEFAULTS = {
  connectTimeoutMs: 10_000,
  bodyTimeoutMs: 60_000,
  maxBodyBytes: 10 * MB,
  maxRedirects: 5,
} as const;

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Refuses a URL Kith must not send a password to. */
export function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CardDavError('not-carddav', url, 'not a URL');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopback(parsed.hostname)) return parsed;
  if (parsed.protocol === 'http:') throw new CardDavError('insecure', url, 'plain http to a non-loopback host');
  throw new CardDavError('not-carddav', url, `unsupported scheme ${parsed.protocol}`);
}

export async function davRequest(
  url: string,
  request: DavRequest,
  credentials: Credentials,
  options: TransportOptions = {},
): Promise<DavResponse> {
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  let current = checkUrl(url);
  for (let hop = 0; ; hop++) {
    const answer = await once(current, request, credentials, options);
    if (!answer.location) return { ...answer, url: current.href };
    if (hop >= maxRedirects)
      throw new CardDavError('redirects', current.href, `more than ${maxRedirects} redirects`, {
        status: answer.status,
      });
    let next: URL;
    try {
      next = new URL(answer.location, current);
    } catch {
      throw new CardDavError('malformed', current.href, `redirect to an invalid URL`);
    }
    if (current.protocol === 'https:' && next.protocol !== 'https:')
      throw new CardDavError('downgrade', current.href, `redirect to ${next.protocol} refused`);
    current = checkUrl(next.href);
  }
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
  location?: string;
}

function once(url: URL, request: DavRequest, credentials: Credentials, options: TransportOptions): Promise<Answer> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  const where = url.href;
  options.onRequest?.(request.method, where);
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  const headers: Record<string, string | number> = {
    authorization: `Basic ${auth}`,
    accept: 'application/xml, text/xml, text/vcard',
  };
  if (request.depth !== undefined) headers['depth'] = request.depth;
  if (request.body !== undefined) {
    headers['content-type'] = 'application/xml; charset=utf-8';
    headers['content-length'] = Buffer.byteLength(request.body);
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const finish = (error: CardDavError | null, answer?: Answer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(bodyTimer);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const req = transport.request(
      url,
      {
        method: request.method,
        headers,
        // A fresh connection per request: no pooled socket outlives a poll, and the CA option applies.
        agent: false,
        ...(url.protocol === 'https:' ? { ca: options.ca, rejectUnauthorized: true, servername: servername(url) } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = status >= 300 && status < 400 ? res.headers.location : undefined;
        const chunks: Buffer[] = [];
        let size = 0;
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBodyBytes) {
          finish(tooLarge(where, maxBodyBytes, `content-length ${declared}`));
          return;
        }
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) finish(tooLarge(where, maxBodyBytes, `body over ${maxBodyBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () =>
          finish(null, {
            status,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            ...(location ? { location } : {}),
          }),
        );
        res.on('error', (error) => finish(fromNetworkError(where, error)));
        res.on('aborted', () => finish(new CardDavError('unreachable', where, 'connection closed mid-body')));
      },
    );
    const connectTimer = setTimeout(
      () => finish(new CardDavError('timeout', where, `no connection within ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    );
    const bodyTimer = setTimeout(
      () => finish(new CardDavError('timeout', where, `no complete answer within ${bodyTimeoutMs} ms`)),
      bodyTimeoutMs,
    );
    req.on('socket', (socket) => {
      const connected = (): void => clearTimeout(connectTimer);
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('error', (error) => finish(fromNetworkError(where, error)));
    req.end(request.body);
  });
}

function tooLarge(url: string, limit: number, detail: string): CardDavError {
  return new CardDavError('too-large', url, detail, { limit });
}

function servername(url: URL): string | undefined {
  // SNI takes host names only.
  return isIP(url.hostname.replace(/^\[|\]$/g, '')) ? undefined : url.hostname;
}
