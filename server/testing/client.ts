/** A small test client over a real loopback server: verification with dev codes, and typed calls. */
import { buildServer, type BuildOptions, type KithServer } from '../app.ts';
import { DEFAULT_LIMITS, testConfig, type LimitConfig, type ServerConfig } from '../config.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { devSender } from '../verification/senders.ts';
import type { DialectName } from '../db/schema.ts';
import type { ErrorBody, Session, VerificationStarted } from '../../protocol/api.ts';

export interface Running {
  server: KithServer;
  db: TestDatabase;
  url: string;
  stop(): Promise<void>;
}

/** Every test signs its numbers in from 127.0.0.1; the per-address limits are only tight where a test sets them. */
export const LOOPBACK_LIMITS: LimitConfig = {
  ...DEFAULT_LIMITS,
  startsPerIpPerHour: 1_000_000,
  startsPerNumberPerIpPerHour: 1_000_000,
  attemptsPerIpPerHour: 1_000_000,
};

export async function startServer(
  dialect: DialectName,
  overrides: Partial<ServerConfig> = {},
  options: BuildOptions = {},
  db?: TestDatabase,
): Promise<Running> {
  const database = db ?? (await createTestDatabase(dialect));
  const config = testConfig(database.url, { limits: LOOPBACK_LIMITS, ...overrides });
  // Dev codes come back in the response; printing them too would only clutter the test output.
  const server = await buildServer(config, { sender: devSender(() => {}), ...options });
  // Port 0 (the default) picks a free one; a restarted server can ask for its previous port with `{ port }`.
  const url = await server.app.listen({ host: '127.0.0.1', port: config.port });
  return {
    server,
    db: database,
    url,
    async stop() {
      await server.close();
      if (!db) await database.drop();
    },
  };
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = options.rawBody ?? JSON.stringify(options.body);
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

/** Opens a verification session for the number (`headers` may name the client, behind a trusted proxy). */
export function startVerification(
  base: string,
  e164: string,
  headers: Record<string, string> = {},
  extra: { challenge?: { type: string; token: string } } = {},
): Promise<ApiAnswer<VerificationStarted & Partial<ErrorBody>>> {
  return call(base, 'POST', '/v1/verification/start', { body: { e164, ...extra }, headers });
}

/** A session and its code, from a server in dev mode. */
export async function startSession(
  base: string,
  e164: string,
  headers: Record<string, string> = {},
): Promise<{ sessionId: string; code: string }> {
  const started = await startVerification(base, e164, headers);
  if (started.status !== 200 || !started.body.devCode) throw new Error(`start ${e164}: ${JSON.stringify(started)}`);
  return { sessionId: started.body.sessionId, code: started.body.devCode };
}

export function verifySession(
  base: string,
  sessionId: string,
  code: string,
  extra: { deviceName?: string; discoverable?: boolean } = {},
  headers: Record<string, string> = {},
): Promise<ApiAnswer<Session & Partial<ErrorBody>>> {
  return call(base, 'POST', '/v1/verification/verify', { body: { sessionId, code, ...extra }, headers });
}

/** Verifies a number through the dev-mode code and returns its session. */
export async function login(
  base: string,
  e164: string,
  extra: { deviceName?: string; discoverable?: boolean } = {},
): Promise<{ token: string; userId: number; deviceId: number; newAccount: boolean }> {
  const { sessionId, code } = await startSession(base, e164);
  const verified = await verifySession(base, sessionId, code, extra);
  if (verified.status !== 200) throw new Error(`verify ${e164}: ${JSON.stringify(verified.body)}`);
  return verified.body;
}
