import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { EventPage, InboxEvent } from '../../protocol/api.ts';
import { call } from '../../server/testing/client.ts';
import { serverFor, signIn } from '../../server/testing/suite.ts';
import { getNumber } from '../store/numbers.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { freshNumber, signedInDevice, vcard, type Device } from '../testing/sync-harness.ts';
import type { SyncEngine } from './engine.ts';
import { activity } from './history.ts';
import { eventCursor, takeUnnotified } from './joins.ts';
import { joinedContacts } from './names.ts';
import type { WebSocketFactory } from './stream.ts';

/** Join events: a contact verifies after the upload, and the uploader hears of it once, by HTTP or WebSocket. */

const server = serverFor('sqlite');

/** Everything the engine's `joined` emitter sends, flattened, and a promise of its first emission. */
function joinedEvents(engine: SyncEngine): { all: InboxEvent[]; first: Promise<InboxEvent[]> } {
  const all: InboxEvent[] = [];
  const first = new Promise<InboxEvent[]>((resolve) => engine.once('joined', resolve));
  engine.on('joined', (events) => all.push(...events));
  return { all, first };
}

/** The server's view of this device's inbox: with no `after`, the read starts at the acknowledged cursor. */
async function inbox(me: Device, query = ''): Promise<EventPage> {
  return (await call<EventPage>(me.url, 'GET', `/v1/events${query}`, { token: me.token() })).body;
}

/** Rejects when `promise` takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The real `ws` client, counting the sockets it opens; `ready` resolves on the server's first `ready`. */
function watchedWebSocket(): { factory: WebSocketFactory; ready: Promise<void>; opened: () => number } {
  let opened = 0;
  let ready: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const factory: WebSocketFactory = (url, headers) => {
    opened++;
    const socket = new WebSocket(url, { headers });
    socket.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString('utf8')) as { type: string }).type === 'ready') ready();
    });
    return socket;
  };
  return { factory, ready: readyPromise, opened: () => opened };
}

const joinsStored = (me: Device) => me.db.prepare('SELECT count(*) FROM joins').pluck().get();

describe('join events', () => {
  it('applies each join once, stores the cursor and acknowledges it, however often it is pulled', async () => {
    const me = await signedInDevice(server().url);
    // A second device of the same account: until it has seen them too, the server keeps the events.
    await signIn(server().url, me.e164, { deviceName: 'tablet' });
    const bea = freshNumber();
    const cy = freshNumber();
    await me.importCards([vcard('b', 'Bea', [bea]), vcard('c', 'Cy', [cy]), vcard('d', 'Dee', [freshNumber()])]);
    const engine = me.engine();
    const joined = joinedEvents(engine);
    await engine.sync();
    expect(joined.all).toEqual([]);

    const beaUser = await signIn(server().url, bea);
    const cyUser = await signIn(server().url, cy);
    const first = await engine.sync({ pullEvents: true });

    expect(first.events).toBe(2);
    expect(joined.all).toEqual([
      {
        id: expect.any(Number),
        type: 'contact_joined',
        userId: beaUser.userId,
        e164: bea,
        createdAt: expect.any(Number),
      },
      {
        id: expect.any(Number),
        type: 'contact_joined',
        userId: cyUser.userId,
        e164: cy,
        createdAt: expect.any(Number),
      },
    ]);
    const last = joined.all[1]!.id;
    expect(eventCursor(me.db)).toBe(last);
    expect(me.requests).toContainEqual({ method: 'POST', path: '/v1/events/ack', body: { upTo: last } });
    expect(await inbox(me)).toEqual({ events: [], cursor: last, more: false });
    expect(getNumber(me.db, bea)?.registered_user_id).toBe(String(beaUser.userId));
    expect(joinedContacts(me.db).map((j) => j.name)).toEqual(['Bea', 'Cy']);
    expect(
      activity(me.db)
        .filter((a) => a.kind === 'join')
        .map((a) => a.message),
    ).toEqual(['Cy joined Kith', 'Bea joined Kith']);

    // Pulled again: nothing new.
    expect(await engine.sync({ pullEvents: true })).toMatchObject({ events: 0 });

    // The cursor is lost, so the same events come down again; they are still shown once.
    setSetting(me.db, 'event_cursor', null);
    expect((await inbox(me, '?after=0')).events).toHaveLength(2);
    expect(await engine.sync({ pullEvents: true })).toMatchObject({ events: 0 });
    expect(eventCursor(me.db)).toBe(last);
    expect(joined.all).toHaveLength(2);
    expect(joinsStored(me)).toBe(2);
    expect(takeUnnotified(me.db).map((j) => j.e164)).toEqual([bea, cy]);
    expect(takeUnnotified(me.db)).toEqual([]);
  });

  it('receives a join live on the WebSocket once the engine has started, and shows it once', async () => {
    const me = await signedInDevice(server().url);
    await signIn(server().url, me.e164, { deviceName: 'tablet' });
    const bea = freshNumber();
    await me.importCards([vcard('b', 'Bea', [bea])]);
    const stream = watchedWebSocket();
    const engine = me.engine({ webSocket: stream.factory });
    const joined = joinedEvents(engine);

    engine.start();
    await within(stream.ready, 10_000, 'the event stream');
    expect(await me.serverNumbers()).toEqual([bea]);
    const from = me.requests.length;
    const beaUser = await signIn(server().url, bea);
    const [event] = await within(joined.first, 10_000, 'a join on the stream');

    expect(event).toMatchObject({ userId: beaUser.userId, e164: bea });
    // It came on the stream: no HTTP read of the inbox since the join.
    expect(me.requests.slice(from).filter((r) => r.method === 'GET' && r.path.startsWith('/v1/events'))).toEqual([]);
    expect(eventCursor(me.db)).toBe(event!.id);
    expect(joinedContacts(me.db).map((j) => j.name)).toEqual(['Bea']);
    // The engine acknowledges what the stream delivered.
    await vi.waitFor(async () => expect((await inbox(me)).cursor).toBe(event!.id), { timeout: 10_000 });

    // The same event by HTTP as well: applied once.
    setSetting(me.db, 'event_cursor', null);
    expect(await engine.sync({ pullEvents: true })).toMatchObject({ events: 0 });
    expect(joined.all).toEqual([event]);
    expect(joinsStored(me)).toBe(1);
  });

  it('records but does not announce again a contact who hid and was shown again', async () => {
    const me = await signedInDevice(server().url);
    const bea = freshNumber();
    await me.importCards([vcard('b', 'Bea', [bea])]);
    const engine = me.engine();
    const joined = joinedEvents(engine);
    await engine.sync();
    const beaUser = await signIn(server().url, bea);
    await engine.sync({ pullEvents: true });
    expect(joined.all.map((e) => e.userId)).toEqual([beaUser.userId]);
    expect(takeUnnotified(me.db).map((j) => j.e164)).toEqual([bea]);

    for (const discoverable of [false, true]) {
      const answer = await beaUser.call('PUT', '/v1/account/discoverable', { discoverable });
      expect(answer.status).toBe(200);
    }
    expect(await engine.sync({ pullEvents: true })).toMatchObject({ events: 0 });
    expect(joinsStored(me)).toBe(2);
    expect(joined.all).toHaveLength(1);
    expect(takeUnnotified(me.db)).toEqual([]);
    expect(activity(me.db).filter((a) => a.kind === 'join')).toHaveLength(1);
    expect(joinedContacts(me.db).map((j) => j.name)).toEqual(['Bea']);
  });

  it('stops the stream and reports the refused token when another device signs this one out', async () => {
    const me = await signedInDevice(server().url);
    const tablet = await signIn(server().url, me.e164, { deviceName: 'tablet' });
    const stream = watchedWebSocket();
    // Reconnecting would take a few milliseconds at this backoff, so a stream that kept trying would show.
    const engine = me.engine({ webSocket: stream.factory, backoff: { baseMs: 5, maxMs: 20 } });
    engine.start();
    await within(stream.ready, 10_000, 'the event stream');
    expect(engine.status().lastError).toBeNull();

    const mine = getSetting(me.db, 'device_id');
    expect((await tablet.call('DELETE', `/v1/devices/${mine}`)).status).toBe(200);

    await vi.waitFor(() => expect(engine.status().lastError).toMatch(/: 401 unauthorized/), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.opened()).toBe(1);
  });
});
