/**
 * The sync server's API over axios, with every answer checked against the shared protocol schemas. Failures are
 * classified once, here, into SyncError kinds the engine acts on.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import type { z } from 'zod';
import {
  Account,
  Acked,
  API_PREFIX,
  BatchResult,
  Deleted,
  EventPage,
  MatchList,
  NumberPage,
  Session,
  SetCheckResult,
  VerificationStarted,
} from '../../protocol/api.ts';
import { SyncError } from './errors.ts';
import { t } from '../../i18n/index.ts';

export interface ClientOptions {
  token?: string | null;
  timeoutMs?: number;
  /** Called with every request's method and path, and its body, before it is sent (the privacy test listens). */
  onRequest?: (method: string, path: string, body: unknown) => void;
}

export class ServerClient {
  readonly baseUrl: string;
  private readonly http: AxiosInstance;
  private readonly onRequest: ClientOptions['onRequest'];
  token: string | null;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.token = options.token ?? null;
    this.onRequest = options.onRequest;
    this.http = axios.create({
      baseURL: this.baseUrl,
      timeout: options.timeoutMs ?? 15_000,
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({ keepAlive: true }),
      validateStatus: () => true,
      // Answers are parsed here, with the schemas, not by axios.
      transformResponse: (data: unknown) => data,
    });
  }

  close(): void {
    (this.http.defaults.httpAgent as http.Agent).destroy();
    (this.http.defaults.httpsAgent as https.Agent).destroy();
  }

  health(): Promise<unknown> {
    return this.request('GET', '/health', undefined, null);
  }
  /** Opens a verification session: the code goes to the number, the session's id comes back. */
  startVerification(e164: string) {
    return this.request('POST', `${API_PREFIX}/verification/start`, { e164 }, VerificationStarted);
  }
  /** Exchanges the code of the session that `startVerification` opened for a token. */
  verify(sessionId: string, code: string, deviceName?: string) {
    return this.request('POST', `${API_PREFIX}/verification/verify`, { sessionId, code, deviceName }, Session);
  }
  putBatch(batchId: string, body: { add: string[]; remove: string[] }) {
    return this.request('PUT', `${API_PREFIX}/contacts/batches/${encodeURIComponent(batchId)}`, body, BatchResult);
  }
  matches() {
    return this.request('GET', `${API_PREFIX}/contacts/matches`, undefined, MatchList);
  }
  checkSet(setHash: string) {
    return this.request('POST', `${API_PREFIX}/contacts/check`, { setHash }, SetCheckResult);
  }
  numbers(after: string | null, limit = 5000) {
    const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
    return this.request('GET', `${API_PREFIX}/contacts?${query}`, undefined, NumberPage);
  }
  deleteContacts() {
    return this.request('DELETE', `${API_PREFIX}/contacts`, undefined, Deleted);
  }
  events(after: number, limit = 500) {
    return this.request('GET', `${API_PREFIX}/events?after=${after}&limit=${limit}`, undefined, EventPage);
  }
  ack(upTo: number) {
    return this.request('POST', `${API_PREFIX}/events/ack`, { upTo }, Acked);
  }
  account() {
    return this.request('GET', `${API_PREFIX}/account`, undefined, Account);
  }
  setDiscoverable(discoverable: boolean) {
    return this.request('PUT', `${API_PREFIX}/account/discoverable`, { discoverable }, null);
  }
  deleteAccount() {
    return this.request('DELETE', `${API_PREFIX}/account`, undefined, null);
  }
  logout() {
    return this.request('POST', `${API_PREFIX}/logout`, undefined, null);
  }

  /** The WebSocket URL of the event stream. */
  streamUrl(after: number): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}${API_PREFIX}/events/stream?after=${after}`;
  }

  private async request<S extends z.ZodType | null>(
    method: string,
    path: string,
    body: unknown,
    schema: S,
  ): Promise<S extends z.ZodType ? z.infer<S> : unknown> {
    this.onRequest?.(method, path, body);
    // Without a body, no content type either: axios would otherwise label an empty POST as a form, which a server
    // may refuse (415) for a route that takes no body.
    const headers: Record<string, string | false> = body === undefined ? { 'content-type': false } : {};
    if (this.token) headers.authorization = `Bearer ${this.token}`; // i18n-ignore: the HTTP auth scheme
    let res;
    try {
      res = await this.http.request({ method, url: path, data: body, headers, responseType: 'text' });
    } catch (err) {
      throw networkError(err, method, path);
    }
    const text = typeof res.data === 'string' ? res.data : '';
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      if (res.status < 400)
        throw new SyncError('server', t('sync.answerNotJson', { method, path }), { status: res.status });
    }
    if (res.status >= 400) throw statusError(res.status, json, res.headers['retry-after'], method, path);
    if (!schema) return json as never;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message;
      throw new SyncError('server', t('sync.unexpectedAnswer', { method, path, problem }), { status: res.status });
    }
    return parsed.data as never;
  }
}

/** The path as errors name it: without the query, which is paging detail (`GET /v1/events`). */
function named(path: string): string {
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}

function networkError(err: unknown, method: string, path: string): SyncError {
  const code = isAxiosError(err) ? err.code : undefined;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
    return new SyncError('network', t('sync.timedOut', { method, path: named(path) }), { cause: err });
  return new SyncError('network', `${method} ${named(path)}: ${code ?? (err as Error).message}`, { cause: err });
}

function statusError(status: number, json: unknown, retryAfter: unknown, method: string, path: string): SyncError {
  const body = (json ?? {}) as { error?: string; message?: string; field?: string; index?: number };
  const message =
    `${method} ${named(path)}: ${status} ${body.error ?? ''}${body.message ? ` (${body.message})` : ''}`.trim();
  if (status === 401) return new SyncError('unauthorized', message, { status });
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new SyncError('rate_limited', message, {
      status,
      retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000,
    });
  }
  if (status >= 500 || status === 408) return new SyncError('server', message, { status });
  return new SyncError('rejected', message, {
    status,
    ...(body.field !== undefined ? { field: body.field } : {}),
    ...(body.index !== undefined ? { index: body.index } : {}),
  });
}
