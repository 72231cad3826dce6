import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from './testing/client.ts';
import { availability } from './testing/databases.ts';
import { openStream } from './testing/stream.ts';
import { signIn, uploaded } from './testing/suite.ts';

/** Long enough that only a test's own call runs a round, unless a test says otherwise. */
const HOUR = 3_600_000;

for (const dialect of ['postgres', 'mysql'] as const) {
  const skip = await availability(dialect);
  describe.skipIf(skip !== null)(`two server processes on one ${dialect} database`, () => {
    let a: Running;
    let b: Running;
    let fast: Running;
    beforeAll(async () => {
      a = await startServer(dialect, { relayMs: HOUR });
      b = await startServer(dialect, { relayMs: HOUR }, {}, a.db);
      fast = await startServer(dialect, { relayMs: 50 }, {}, a.db);
    });
    afterAll(async () => {
      await fast?.stop();
      await b?.stop();
      await a?.stop();
    });

    it('wakes a stream held by one process for a join committed by the other, at the next poll', async () => {
      const owner = await signIn(a.url, '+447702000001');
      await uploaded(owner, 'relay-batch-1', ['+447702000010']);
      const stream = await openStream(b.url, owner.token);
      await stream.until(() => stream.messages.length === 1);
      await b.server.relay!.round();

      const joiner = await signIn(a.url, '+447702000010');
      // Process b heard nothing of the join itself; its next poll finds the event.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stream.events()).toEqual([]);
      await b.server.relay!.round();
      await stream.until(() => stream.events().length === 1);
      expect(stream.events()).toEqual([expect.objectContaining({ type: 'contact_joined', userId: joiner.userId })]);
      // Another poll sends nothing twice.
      await b.server.relay!.round();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.events()).toHaveLength(1);
      stream.close();
    });

    it('closes a stream held by one process when its device signs out through the other', async () => {
      const phone = await signIn(a.url, '+447702000101', { deviceName: 'phone' });
      const laptop = await signIn(a.url, '+447702000101', { deviceName: 'laptop' });
      const laptopStream = await openStream(b.url, laptop.token);
      const phoneStream = await openStream(b.url, phone.token);
      await laptopStream.until(() => laptopStream.messages.length === 1);
      await phoneStream.until(() => phoneStream.messages.length === 1);

      expect((await phone.call('DELETE', `/v1/devices/${laptop.deviceId}`)).status).toBe(200);
      await b.server.relay!.round();
      expect(await laptopStream.closed).toMatchObject({ code: 4401 });
      // The other device's stream stays open and still hears joins.
      await uploaded(phone, 'relay-batch-2', ['+447702000110']);
      await signIn(a.url, '+447702000110');
      await b.server.relay!.round();
      await phoneStream.until(() => phoneStream.events().length === 1);
      phoneStream.close();
    });

    it('polls by itself every relayMs', async () => {
      const owner = await signIn(a.url, '+447702000201');
      await uploaded(owner, 'relay-batch-3', ['+447702000210']);
      const stream = await openStream(fast.url, owner.token);
      await stream.until(() => stream.messages.length === 1);
      const joiner = await signIn(a.url, '+447702000210');
      await stream.until(() => stream.events().length === 1);
      expect(stream.events()[0]).toMatchObject({ userId: joiner.userId });

      expect((await owner.call('POST', '/v1/logout')).status).toBe(200);
      expect(await stream.closed).toMatchObject({ code: 4401 });
    });
  });
}

it('has nothing to relay on SQLite, whose one process hears everything itself', async () => {
  const server = await startServer('sqlite', { relayMs: 50 });
  try {
    expect(server.server.relay).toBeNull();
  } finally {
    await server.stop();
  }
});
