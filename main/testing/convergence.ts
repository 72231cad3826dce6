/**
 * The one check every sync fault case ends with: the store is intact and consistent, nothing is left to send,
 * the server holds exactly the valid numbers of non-excluded contacts, every join event is in the store once,
 * and every wanted number that belongs to a user is known as such. `expectConsistent` is the part that must
 * hold at any moment, even right after the process was killed.
 */
import { expect } from 'vitest';
import { setHash } from '../../protocol/set-hash.ts';
import { call } from '../../server/testing/client.ts';
import { numberDiscrepancies } from '../store/numbers.ts';
import type { Db } from '../store/open.ts';
import { serverNumbers, wantedNumbers } from './sync-harness.ts';

/** Outbox rows and the numbers marked in flight in them must point at each other exactly. */
function outboxLinks(db: Db): string[] {
  const problems: string[] = [];
  const rows = db.prepare(`SELECT id, batch_id, body, state FROM outbox`).all() as Array<{
    id: number;
    batch_id: string;
    body: string;
    state: string;
  }>;
  const inBodies = new Map<string, number>();
  for (const r of rows) {
    if (r.state !== 'queued') problems.push(`outbox ${r.id} is ${r.state}`);
    const body = JSON.parse(r.body) as { add: string[]; remove: string[] };
    if (body.add.length + body.remove.length === 0) problems.push(`outbox ${r.id} is empty`);
    for (const n of [...body.add, ...body.remove]) {
      if (inBodies.has(n)) problems.push(`${n} is in outbox ${inBodies.get(n)} and ${r.id}`);
      inBodies.set(n, r.id);
    }
  }
  const marked = db.prepare('SELECT e164, outbox_id FROM numbers WHERE outbox_id IS NOT NULL').all() as Array<{
    e164: string;
    outbox_id: number;
  }>;
  const markedAs = new Map(marked.map((m) => [m.e164, m.outbox_id]));
  for (const m of marked) {
    if (inBodies.get(m.e164) !== m.outbox_id) problems.push(`${m.e164} is marked in outbox ${m.outbox_id}`);
  }
  for (const [n, id] of inBodies) {
    if (markedAs.get(n) !== id) problems.push(`${n} is in outbox ${id} but marked ${markedAs.get(n) ?? 'nowhere'}`);
  }
  return problems;
}

/** What must hold at any moment, crash or not: an intact file, counts that match the phones, a coherent outbox. */
export function expectConsistent(db: Db, context = ''): void {
  expect(db.pragma('integrity_check', { simple: true }), `integrity_check ${context}`).toBe('ok');
  expect(numberDiscrepancies(db), `reference counts ${context}`).toEqual([]);
  expect(outboxLinks(db), `outbox links ${context}`).toEqual([]);
}

export interface Converged {
  db: Db;
  /** The server itself, not a proxy in front of it. */
  server: string;
  token: string;
  /** How many join events the server generated for this user; each must be in the store exactly once. */
  joins?: number;
  /** Event ids the engine announced through its `joined` event: none twice. */
  shown?: readonly number[];
  /** Numbers verified as users on the server (E.164 to user id): wanted ones must be known as registered. */
  registered?: ReadonlyMap<string, number>;
}

export async function expectConverged(x: Converged): Promise<void> {
  const { db } = x;
  expectConsistent(db, 'at the end');
  const wanted = wantedNumbers(db);

  // Nothing left to send, nothing refused, and the store believes the server holds exactly the wanted set.
  expect(db.prepare(`SELECT count(*) FROM outbox`).pluck().get(), 'outbox rows').toBe(0);
  const unsettled = db
    .prepare(
      `SELECT e164, state, refs, rejected FROM numbers WHERE state <> 'synced' OR refs = 0 OR rejected IS NOT NULL`,
    )
    .all();
  expect(unsettled, 'numbers not settled').toEqual([]);
  expect(db.prepare('SELECT e164 FROM numbers ORDER BY e164').pluck().all(), 'numbers table').toEqual(wanted);

  // The server holds exactly that set, and its running set hash agrees.
  expect(await serverNumbers(x.server, x.token), 'server set').toEqual(wanted);
  const check = await call<{ status: string; count: number }>(x.server, 'POST', '/v1/contacts/check', {
    token: x.token,
    body: { setHash: setHash(wanted) },
  });
  expect(check.body, 'server set hash').toMatchObject({ status: 'unchanged', count: wanted.length });

  // Join events: each in the store once, each announced once.
  const joins = db.prepare('SELECT event_id FROM joins ORDER BY event_id').pluck().all() as number[];
  expect(new Set(joins).size).toBe(joins.length);
  const joinActivity = db.prepare(`SELECT count(*) FROM activity WHERE kind = 'join'`).pluck().get();
  expect(joinActivity, 'join notices in the activity feed').toBe(joins.length);
  if (x.joins !== undefined) expect(joins.length, 'join events stored').toBe(x.joins);
  if (x.shown) {
    expect(
      [...x.shown].sort((a, b) => a - b),
      'join events announced',
    ).toEqual(joins);
  }

  if (x.registered) {
    const known = db
      .prepare('SELECT e164, registered_user_id FROM numbers WHERE registered_user_id IS NOT NULL ORDER BY e164')
      .all() as Array<{ e164: string; registered_user_id: string }>;
    const expected = wanted
      .filter((n) => x.registered!.has(n))
      .map((n) => ({ e164: n, registered_user_id: String(x.registered!.get(n)) }));
    expect(known, 'registered contacts').toEqual(expected);
  }
}

/** True when nothing is left to send: no queued batch, every number settled on the server or gone. */
export function settled(db: Db): boolean {
  const outbox = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
  const pending = db
    .prepare(`SELECT count(*) FROM numbers WHERE (state <> 'synced' OR refs = 0) AND rejected IS NULL`)
    .pluck()
    .get() as number;
  return outbox === 0 && pending === 0;
}
