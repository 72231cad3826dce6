import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availability, DIALECTS } from './testing/databases.ts';
import { call, login, startServer, type Running } from './testing/client.ts';

for (const dialect of DIALECTS) {
  const skip = await availability(dialect);
  describe.skipIf(skip !== null)(`joins and matching on ${dialect}`, () => {
    let srv: Running;
    beforeAll(async () => {
      srv = await startServer(dialect);
    });
    afterAll(async () => srv?.stop());

    it('tells every owner of a number when it joins, once, and matches it afterwards', async () => {
      const anita = await login(srv.url, '+447700900001');
      const bob = await login(srv.url, '+447700900002');
      for (const [who, id] of [
        [anita, 'anita-batch-1'],
        [bob, 'bob-batch-0001'],
      ] as const) {
        const up = await call(srv.url, 'PUT', `/v1/contacts/batches/${id}`, {
          token: who.token,
          body: { add: ['+447700900003', '+447700900099'] },
        });
        expect(up.status).toBe(200);
        expect(up.body).toMatchObject({ added: 2, matches: [] });
      }
      const carol = await login(srv.url, '+447700900003');
      expect(carol.newAccount).toBe(true);
      await login(srv.url, '+447700900003'); // a second device: no second event

      for (const who of [anita, bob]) {
        const inbox = await call<{ events: { type: string; userId: number; e164: string }[] }>(
          srv.url,
          'GET',
          '/v1/events',
          {
            token: who.token,
          },
        );
        expect(inbox.body.events).toEqual([
          expect.objectContaining({ type: 'contact_joined', userId: carol.userId, e164: '+447700900003' }),
        ]);
        const matches = await call(srv.url, 'GET', '/v1/contacts/matches', { token: who.token });
        expect(matches.body).toMatchObject({ matches: [{ userId: carol.userId, e164: '+447700900003' }], count: 2 });
      }
      const carolInbox = await call<{ events: unknown[] }>(srv.url, 'GET', '/v1/events', { token: carol.token });
      expect(carolInbox.body.events).toEqual([]);
    });
  });
}
