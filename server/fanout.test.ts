import { expect, it } from 'vitest';
import type { Acked } from '../protocol/api.ts';
import {
  allEvents,
  eachDialect,
  eventPage,
  phones,
  serverFor,
  signIn,
  signInAll,
  uploaded,
  type User,
} from './testing/suite.ts';

async function ack(user: User, upTo: number): Promise<number> {
  const answer = await user.call<Acked>('POST', '/v1/events/ack', { upTo });
  expect(answer.status).toBe(200);
  return answer.body.cursor;
}

const ids = (events: { id: number }[]) => events.map((e) => e.id);

await eachDialect('join fan-out and the inbox', (dialect) => {
  const srv = serverFor(dialect);

  it('writes one event per owner of the joining number, none to the joiner, none for a second device', async () => {
    const joining = '+447700300000';
    const owners = await signInAll(srv().url, phones('+447700300001', 50));
    const bystander = await signIn(srv().url, '+447700300099');
    await Promise.all(owners.map((o, i) => uploaded(o, `fanout-owner-${i}`, [joining, `+44770030${1000 + i}`])));
    await uploaded(bystander, 'fanout-bystander', ['+447700301999']);

    const joiner = await signIn(srv().url, joining);
    expect(joiner.newAccount).toBe(true);
    const second = await signIn(srv().url, joining, { deviceName: 'tablet' });
    expect(second).toMatchObject({ newAccount: false, userId: joiner.userId });

    const inboxes = await Promise.all(owners.map((o) => allEvents(o)));
    for (const inbox of inboxes) {
      expect(inbox).toEqual([
        {
          id: expect.any(Number),
          type: 'contact_joined',
          userId: joiner.userId,
          e164: joining,
          createdAt: expect.any(Number),
        },
      ]);
    }
    expect(new Set(inboxes.map((inbox) => inbox[0]!.id)).size).toBe(50);
    expect(await allEvents(joiner)).toEqual([]);
    expect(await allEvents(second)).toEqual([]);
    expect(await allEvents(bystander)).toEqual([]);
  });

  it('keeps events until every device has acknowledged them, with a cursor per device', async () => {
    const phone = await signIn(srv().url, '+447700300101', { deviceName: 'phone' });
    const laptop = await signIn(srv().url, '+447700300101', { deviceName: 'laptop' });
    const joining = ['+447700300102', '+447700300103'];
    await uploaded(phone, 'ack-batch-1', joining);
    const joiners = [];
    for (const n of joining) joiners.push(await signIn(srv().url, n));

    const first = await eventPage(phone);
    expect(first.events.map((e) => e.userId)).toEqual(joiners.map((j) => j.userId));
    const [e1, e2] = ids(first.events) as [number, number];
    expect(e2).toBeGreaterThan(e1);
    expect(first).toMatchObject({ cursor: e2, more: false });
    // Reading is not acknowledging.
    expect(ids((await eventPage(phone)).events)).toEqual([e1, e2]);

    expect(await ack(phone, e1)).toBe(e1);
    expect(ids((await eventPage(phone)).events)).toEqual([e2]);
    expect(ids((await eventPage(laptop)).events)).toEqual([e1, e2]);

    expect(await ack(phone, e2)).toBe(e2);
    expect((await eventPage(phone)).events).toEqual([]);
    expect(await ack(phone, 0)).toBe(e2); // a cursor never moves back
    // The laptop has not acknowledged: nothing is gone yet.
    expect(ids(await allEvents(phone))).toEqual([e1, e2]);
    expect(ids((await eventPage(laptop)).events)).toEqual([e1, e2]);

    expect(await ack(laptop, e1)).toBe(e1);
    expect(ids(await allEvents(phone))).toEqual([e2]);
    expect(await ack(laptop, e2)).toBe(e2);
    expect(await allEvents(phone)).toEqual([]);
    expect(await allEvents(laptop)).toEqual([]);
  });

  it('never acknowledges past the newest event, so a later join is not hidden or pruned', async () => {
    const owner = await signIn(srv().url, '+447700300201');
    await uploaded(owner, 'ack-cap-batch-1', ['+447700300202']);
    expect(await ack(owner, 1_000_000)).toBe(0);
    const joiner = await signIn(srv().url, '+447700300202');
    const page = await eventPage(owner);
    expect(page.events.map((e) => e.userId)).toEqual([joiner.userId]);
    expect(await ack(owner, 1_000_000)).toBe(page.cursor);
  });

  it('pages the inbox with after, limit and more', async () => {
    const owner = await signIn(srv().url, '+447700300201');
    const joining = phones('+447700300210', 7);
    await uploaded(owner, 'paging-batch-1', joining);
    for (const n of joining) await signIn(srv().url, n);

    const seen: number[] = [];
    const shapes: [number, boolean][] = [];
    let cursor = 0;
    for (let i = 0; i < 3; i++) {
      const page = await eventPage(owner, `?after=${cursor}&limit=3`);
      shapes.push([page.events.length, page.more]);
      expect(page.cursor).toBe(page.events.at(-1)!.id);
      seen.push(...ids(page.events));
      cursor = page.cursor;
    }
    expect(shapes).toEqual([
      [3, true],
      [3, true],
      [1, false],
    ]);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(7);
    expect((await allEvents(owner)).map((e) => e.e164)).toEqual(joining);
    expect(await eventPage(owner, `?after=${cursor}&limit=3`)).toEqual({ events: [], cursor, more: false });
    expect(ids((await eventPage(owner, `?after=${seen[4]}`)).events)).toEqual(seen.slice(5));
  });
});
