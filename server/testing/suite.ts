/** Shared pieces of the server suites: one block per dialect, a server per block, signed-in users, numbers. */
import { afterAll, beforeAll, describe } from 'vitest';
import type { BatchResult, EventPage, InboxEvent } from '../../protocol/api.ts';
import type { BuildOptions } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import type { DialectName } from '../db/schema.ts';
import { call, login, startServer, type ApiAnswer, type Running } from './client.ts';
import { availability, DIALECTS } from './databases.ts';

/** One describe block per dialect, skipped with the printed reason when that database cannot be reached. */
export async function eachDialect(title: string, body: (dialect: DialectName) => void): Promise<void> {
  for (const dialect of DIALECTS) {
    const skip = await availability(dialect);
    describe.skipIf(skip !== null)(`${title} on ${dialect}`, () => body(dialect));
  }
}

/** A server on a fresh database for the enclosing block: started before its tests, stopped and dropped after. */
export function serverFor(
  dialect: DialectName,
  overrides: Partial<ServerConfig> = {},
  options: BuildOptions = {},
): () => Running {
  let running: Running | undefined;
  beforeAll(async () => {
    running = await startServer(dialect, overrides, options);
  });
  afterAll(async () => running?.stop());
  return () => {
    if (!running) throw new Error('the server is not running');
    return running;
  };
}

/** A settable clock for BuildOptions.now. */
export function testClock(start = Date.UTC(2030, 0, 1)) {
  const clock = { t: start, now: () => clock.t, advance: (ms: number) => (clock.t += ms) };
  return clock;
}

/** `n` consecutive E.164 numbers starting at `first`. */
export function phones(first: string, n: number): string[] {
  const start = Number(first.slice(1));
  return Array.from({ length: n }, (_, i) => `+${start + i}`);
}

export interface User {
  e164: string;
  token: string;
  userId: number;
  deviceId: number;
  newAccount: boolean;
  /** A call with this device's token. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
}

export async function signIn(
  base: string,
  e164: string,
  extra: { deviceName?: string; discoverable?: boolean } = {},
): Promise<User> {
  return deviceAt(base, { e164, ...(await login(base, e164, extra)) });
}

/** The device's calls, made to the server at `base` (another server on the same database keeps its session). */
export function deviceAt(base: string, session: Omit<User, 'call'>): User {
  return {
    ...session,
    call: <T>(method: string, path: string, body?: unknown) =>
      call<T>(base, method, path, { token: session.token, body }),
  };
}

export function signInAll(base: string, numbers: readonly string[]): Promise<User[]> {
  return Promise.all(numbers.map((n) => signIn(base, n)));
}

export function upload(
  user: User,
  batchId: string,
  add: readonly string[],
  remove: readonly string[] = [],
): Promise<ApiAnswer<BatchResult>> {
  return user.call<BatchResult>('PUT', `/v1/contacts/batches/${batchId}`, { add, remove });
}

/** Uploads and insists on success. */
export async function uploaded(
  user: User,
  batchId: string,
  add: readonly string[],
  remove: readonly string[] = [],
): Promise<BatchResult> {
  const answer = await upload(user, batchId, add, remove);
  if (answer.status !== 200) throw new Error(`batch ${batchId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function eventPage(user: User, query = ''): Promise<EventPage> {
  const answer = await user.call<EventPage>('GET', `/v1/events${query}`);
  if (answer.status !== 200) throw new Error(`events${query}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Every event after `after`, following the cursor page by page. */
export async function allEvents(user: User, after = 0, limit = 100): Promise<InboxEvent[]> {
  const events: InboxEvent[] = [];
  for (let cursor = after; ;) {
    const page = await eventPage(user, `?after=${cursor}&limit=${limit}`);
    events.push(...page.events);
    if (!page.more) return events;
    cursor = page.cursor;
  }
}
