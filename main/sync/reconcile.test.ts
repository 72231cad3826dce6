import { describe, expect, it } from 'vitest';
import { call } from '../../server/testing/client.ts';
import { serverFor, signIn, uploaded } from '../../server/testing/suite.ts';
import { getSetting } from '../store/settings.ts';
import { signedInDevice, vcard, wantedNumbers, type Device } from '../testing/sync-harness.ts';
import { believedSet } from './reconcile.ts';

/** Quiet syncs ask nothing of the server; now and then, and on demand, the set hashes are compared and repaired. */

const server = serverFor('sqlite');
const HOUR = 3_600_000;

const BOOK = [
  vcard('a', 'Anita', ['07400 123456', '07400 123457']),
  vcard('b', 'Ben', ['07400 123458']),
  vcard('c', 'Chen', ['07400 123459', '020 7946 0018']),
];

/** A device with the book imported, on a clock the test moves. */
async function deviceWithBook(): Promise<{ me: Device; clock: { t: number } }> {
  const me = await signedInDevice(server().url);
  await me.importCards(BOOK);
  const clock = { t: Date.now() };
  return { me, clock };
}

describe('quiet syncs and reconciliation', () => {
  it('makes no request when nothing changed, and compares set hashes only when due', async () => {
    const { me, clock } = await deviceWithBook();
    const engine = me.engine({ now: () => clock.t });
    const first = await engine.sync();
    expect(first).toMatchObject({ batchesSent: 1, reconciled: 'unchanged' });
    expect(me.requests.map((r) => `${r.method} ${r.path.replace(/batches\/.*/, 'batches/…')}`)).toEqual([
      'POST /v1/verification/start',
      'POST /v1/verification/verify',
      'PUT /v1/contacts/batches/…',
      'POST /v1/contacts/check',
    ]);
    const nextAt = Number(getSetting(me.db, 'next_reconcile_at'));
    // The server asks for a check a day later; the client spreads that by up to a tenth either way.
    expect(nextAt).toBeGreaterThanOrEqual(clock.t + 0.9 * 24 * HOUR);
    expect(nextAt).toBeLessThanOrEqual(clock.t + 1.1 * 24 * HOUR);

    let from = me.requests.length;
    clock.t += HOUR;
    expect(await engine.sync()).toMatchObject({ batchesSent: 0, reconciled: 'skipped', error: null });
    clock.t += 20 * HOUR;
    expect(await engine.sync()).toMatchObject({ batchesSent: 0, reconciled: 'skipped' });
    expect(me.requests.slice(from)).toEqual([]);

    clock.t = nextAt;
    expect(await engine.sync()).toMatchObject({ batchesSent: 0, reconciled: 'unchanged' });
    expect(me.requests.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/contacts/check']);
    expect(Number(getSetting(me.db, 'next_reconcile_at'))).toBeGreaterThan(nextAt);

    from = me.requests.length;
    expect(await engine.sync()).toMatchObject({ reconciled: 'skipped' });
    expect(me.requests.slice(from)).toEqual([]);
  });

  it('finds numbers deleted on the server behind its back and uploads exactly those again', async () => {
    const { me, clock } = await deviceWithBook();
    const engine = me.engine({ now: () => clock.t });
    await engine.sync();
    const wanted = wantedNumbers(me.db);
    expect(await me.serverNumbers()).toEqual(wanted);

    const deleted = await call<{ deleted: number }>(me.url, 'DELETE', '/v1/contacts', { token: me.token() });
    expect(deleted.body).toEqual({ deleted: 5 });
    // Not due: the client does not notice.
    expect(await engine.sync()).toMatchObject({ reconciled: 'skipped' });
    expect(await me.serverNumbers()).toEqual([]);

    const from = me.requests.length;
    const repaired = await engine.sync({ reconcile: true });
    expect(repaired).toMatchObject({ reconciled: 'repaired', batchesSent: 1, added: 5, removed: 0, error: null });
    expect(me.uploads(from)).toEqual([{ batchId: expect.any(String), add: wanted, remove: [] }]);
    expect(await me.serverNumbers()).toEqual(wanted);
    expect(await engine.sync({ reconcile: true })).toMatchObject({ reconciled: 'unchanged', batchesSent: 0 });
  });

  it('repairs a set changed from another device: re-adds what went missing, removes what it did not upload', async () => {
    const { me, clock } = await deviceWithBook();
    const engine = me.engine({ now: () => clock.t });
    await engine.sync();
    const other = await signIn(me.url, me.e164, { deviceName: 'old phone' });
    await uploaded(other, 'tamper-0001', ['+447400999999', '+442079460019'], ['+447400123457', '+447400123459']);
    expect(await me.serverNumbers()).toEqual([
      '+442079460018',
      '+442079460019',
      '+447400123456',
      '+447400123458',
      '+447400999999',
    ]);

    const from = me.requests.length;
    const repaired = await engine.sync({ reconcile: true });

    expect(repaired).toMatchObject({ reconciled: 'repaired', added: 2, removed: 2 });
    const sent = me.uploads(from);
    expect(sent.flatMap((b) => b.add).sort()).toEqual(['+447400123457', '+447400123459']);
    expect(sent.flatMap((b) => b.remove).sort()).toEqual(['+442079460019', '+447400999999']);
    expect(await me.serverNumbers()).toEqual(wantedNumbers(me.db));
    expect(believedSet(me.db).sort()).toEqual(wantedNumbers(me.db));
    expect(await engine.sync({ reconcile: true })).toMatchObject({ reconciled: 'unchanged', batchesSent: 0 });
  });
});
