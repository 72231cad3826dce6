import { expect, it } from 'vitest';
import { startServer, type Running } from './testing/client.ts';
import { allEvents, deviceAt, eachDialect, eventPage, signIn, uploaded } from './testing/suite.ts';

await eachDialect('a server restart', (dialect) => {
  it('keeps a join’s event, its id and the sessions across a restart', async () => {
    const first = await startServer(dialect);
    let second: Running | undefined;
    try {
      const owner = await signIn(first.url, '+447700900001');
      await uploaded(owner, 'restart-batch-1', ['+447700900002', '+447700900003']);
      const laptop = await signIn(first.url, '+447700900001');
      const joiner = await signIn(first.url, '+447700900002');
      // The laptop sees the event before the restart; the phone reads only after it.
      const before = await eventPage(laptop);
      expect(before.events).toHaveLength(1);
      await first.server.close();

      second = await startServer(dialect, {}, {}, first.db);
      const owner2 = deviceAt(second.url, owner);
      const after = await eventPage(owner2);
      expect(after).toEqual(before);
      expect(await eventPage(deviceAt(second.url, laptop))).toEqual(before);
      expect(after.events[0]).toMatchObject({ userId: joiner.userId, e164: '+447700900002' });

      // Once both devices acknowledge it the event is pruned; a later join gets a higher id, so no cursor skips it.
      await owner2.call('POST', '/v1/events/ack', { upTo: after.cursor });
      await deviceAt(second.url, laptop).call('POST', '/v1/events/ack', { upTo: after.cursor });
      expect(await allEvents(owner2)).toEqual([]);
      const late = await signIn(second.url, '+447700900003');
      const next = await eventPage(owner2);
      expect(next.events).toEqual([expect.objectContaining({ userId: late.userId, e164: '+447700900003' })]);
      expect(next.events[0]!.id).toBeGreaterThan(after.cursor);
    } finally {
      await second?.stop();
      await first.db.drop();
    }
  });
});
