import { describe, expect, it } from 'vitest';
import { call } from '../../server/testing/client.ts';
import { serverFor } from '../../server/testing/suite.ts';
import { getNumber } from '../store/numbers.ts';
import { bulkBook, signedInDevice, vcard } from '../testing/sync-harness.ts';
import { uploadLog } from './history.ts';
import { cutBatches, queuedBatches } from './outbox.ts';

/** Batches the server refuses for good: logged, the offending numbers set aside, not retried until asked. */

const server = serverFor('sqlite');

const A = '+447400123456';
const B = '+447400123457';
const C = '+447400123458';
const BOOK = [vcard('a', 'Anita', ['07400 123456', '07400 123457']), vcard('b', 'Ben', ['07400 123458'])];
/** E.164-shaped to a careless eye, refused by the server (no country code starts with 0). */
const BAD = '+0123';

describe('refused batches', () => {
  it('sets the refused number aside, resends the others, does not retry it, and retryNow gives it another chance', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards(BOOK);
    // A number that got into the store without passing the local check (an older version, a damaged file).
    me.db
      .prepare(`INSERT INTO numbers (e164, refs, state, first_seen_at, changed_at) VALUES (?, 1, 'new', 0, 0)`)
      .run(BAD);
    const engine = me.engine();

    const summary = await engine.sync();

    expect(summary).toMatchObject({ rejected: 1, batchesSent: 1, added: 3, queued: 0, error: null });
    const [refused, resent, ...more] = me.uploads();
    expect(more).toEqual([]);
    expect(refused).toEqual({ batchId: expect.any(String), add: [BAD, A, B, C], remove: [] });
    expect(resent).toEqual({ batchId: expect.not.stringMatching(refused!.batchId), add: [A, B, C], remove: [] });
    expect(getNumber(me.db, BAD)).toMatchObject({
      state: 'new',
      outbox_id: null,
      rejected: expect.stringMatching(/400/),
    });
    expect(getNumber(me.db, A)).toMatchObject({ state: 'synced', rejected: null });
    expect(uploadLog(me.db)).toEqual([
      {
        batchId: resent!.batchId,
        at: expect.any(Number),
        added: [A, B, C],
        removed: [],
        result: 'applied',
        detail: null,
        runId: expect.any(String),
        runAt: expect.any(Number),
      },
      {
        batchId: refused!.batchId,
        at: expect.any(Number),
        added: [BAD, A, B, C],
        removed: [],
        result: 'rejected',
        detail: expect.stringMatching(/add\[0\] is not an E\.164 number/),
        runId: expect.any(String),
        runAt: expect.any(Number),
      },
    ]);
    expect(engine.status()).toMatchObject({ rejectedNumbers: 1, queuedBatches: 0 });
    expect(await me.serverNumbers()).toEqual([A, B, C]);

    // Not retried, not even by a forced sync.
    const from = me.requests.length;
    await engine.sync();
    await engine.sync({ force: true });
    expect(me.uploads(from)).toEqual([]);

    // Asked to, the engine tries it once more; it is refused again and set aside again.
    const retried = await engine.retryNow();
    expect(retried).toMatchObject({ rejected: 1, batchesSent: 0 });
    expect(me.uploads(from)).toEqual([{ batchId: expect.any(String), add: [BAD], remove: [] }]);
    expect(uploadLog(me.db).map((e) => e.result)).toEqual(['rejected', 'applied', 'rejected']);
    expect(engine.status().rejectedNumbers).toBe(1);
  });

  it('sets a whole refused batch aside until retryNow, which sends its numbers again', async () => {
    const me = await signedInDevice(server().url);
    const { cards, e164s } = bulkBook(1001);
    await me.importCards(cards);
    // A batch over the server's limit of 1000, as an older version with a larger limit might have queued it.
    cutBatches(me.db, Date.now(), 1000);
    const [big, rest] = queuedBatches(me.db);
    me.db.transaction(() => {
      const body = JSON.stringify({ add: [...big!.add, ...rest!.add], remove: [] });
      me.db.prepare('UPDATE outbox SET body = ?, adds = 1001 WHERE id = ?').run(body, big!.id);
      me.db.prepare('UPDATE numbers SET outbox_id = ? WHERE outbox_id = ?').run(big!.id, rest!.id);
      me.db.prepare('DELETE FROM outbox WHERE id = ?').run(rest!.id);
    })();
    const engine = me.engine();

    const summary = await engine.sync();
    expect(summary).toMatchObject({ rejected: 1, batchesSent: 0, queued: 0 });
    expect(uploadLog(me.db)).toEqual([
      expect.objectContaining({ batchId: big!.batchId, result: 'rejected', detail: expect.stringMatching(/413/) }),
    ]);
    expect(engine.status().rejectedNumbers).toBe(1001);
    expect(await me.serverNumbers()).toEqual([]);
    const from = me.requests.length;
    await engine.sync({ force: true });
    expect(me.uploads(from)).toEqual([]);

    const retried = await engine.retryNow();
    expect(retried).toMatchObject({ rejected: 0, batchesSent: 3, added: 1001 });
    expect(me.uploads(from).map((b) => b.add.length)).toEqual([500, 500, 1]);
    expect(engine.status().rejectedNumbers).toBe(0);
    expect(await me.serverNumbers()).toEqual(e164s);
  });

  it('re-issues a batch whose id the server already knows for other numbers, without setting anything aside', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards(BOOK);
    const taken = 'taken-batch-id';
    const earlier = await call(me.url, 'PUT', `/v1/contacts/batches/${taken}`, {
      token: me.token(),
      body: { add: [], remove: [] },
    });
    expect(earlier.status).toBe(200);
    cutBatches(me.db, Date.now());
    me.db.prepare('UPDATE outbox SET batch_id = ?').run(taken);

    const summary = await me.engine().sync();

    expect(summary).toMatchObject({ batchesSent: 1, added: 3, rejected: 0, queued: 0 });
    const [conflict, reissued] = me.uploads();
    expect(conflict).toEqual({ batchId: taken, add: [A, B, C], remove: [] });
    expect(reissued).toEqual({ batchId: expect.not.stringMatching(taken), add: [A, B, C], remove: [] });
    expect(uploadLog(me.db)).toEqual([expect.objectContaining({ batchId: reissued!.batchId, result: 'applied' })]);
    expect(me.db.prepare('SELECT count(*) FROM numbers WHERE rejected IS NOT NULL').pluck().get()).toBe(0);
    expect(await me.serverNumbers()).toEqual([A, B, C]);
  });
});
