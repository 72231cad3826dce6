import { describe, expect, it } from 'vitest';
import { BATCH_ID_PATTERN } from '../../protocol/api.ts';
import { serverFor, signIn } from '../../server/testing/suite.ts';
import { getNumber, numberDiscrepancies } from '../store/numbers.ts';
import { bulkBook, freshNumber, gate, signedInDevice, vcard } from '../testing/sync-harness.ts';
import { ServerClient } from './client.ts';
import type { SyncError } from './errors.ts';
import { uploadLog } from './history.ts';
import { cutBatches, queuedBatches } from './outbox.ts';

const server = serverFor('sqlite');

interface OutboxRow {
  id: number;
  batch_id: string;
  body: string;
  adds: number;
  removes: number;
}

describe('the outbox', () => {
  it('cuts 1234 numbers into three batches of at most 500, each queued with its numbers marked in flight', async () => {
    const me = await signedInDevice(server().url);
    const { cards, e164s: all } = bulkBook(1234);
    await me.importCards(cards);

    expect(cutBatches(me.db, Date.now(), 500)).toBe(3);
    const rows = me.db.prepare('SELECT id, batch_id, body, adds, removes FROM outbox ORDER BY id').all() as OutboxRow[];
    expect(rows.map((r) => [r.adds, r.removes])).toEqual([
      [500, 0],
      [500, 0],
      [234, 0],
    ]);
    expect(new Set(rows.map((r) => r.batch_id)).size).toBe(3);
    for (const r of rows) {
      expect(r.batch_id).toMatch(BATCH_ID_PATTERN);
      const body = JSON.parse(r.body) as { add: string[]; remove: string[] };
      const inFlight = me.db
        .prepare('SELECT e164 FROM numbers WHERE outbox_id = ? ORDER BY e164')
        .pluck()
        .all(r.id) as string[];
      expect([...body.add].sort()).toEqual(inFlight);
      expect(body.remove).toEqual([]);
    }
    expect(rows.flatMap((r) => (JSON.parse(r.body) as { add: string[] }).add).sort()).toEqual(all);
    expect(me.db.prepare('SELECT count(*) FROM numbers WHERE outbox_id IS NULL').pluck().get()).toBe(0);
    // Everything is in flight: nothing more to cut.
    expect(cutBatches(me.db, Date.now(), 500)).toBe(0);

    // The engine sends exactly the queued batches, oldest first.
    const queued = queuedBatches(me.db);
    const summary = await me.engine({ batchSize: 500 }).sync();
    expect(summary).toMatchObject({ batchesSent: 3, added: 1234, removed: 0, queued: 0 });
    expect(me.uploads()).toEqual(queued.map((b) => ({ batchId: b.batchId, add: b.add, remove: b.remove })));
    expect(me.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(
      me.db.prepare(`SELECT count(*) FROM numbers WHERE state = 'synced' AND outbox_id IS NULL`).pluck().get(),
    ).toBe(1234);
    expect(await me.serverNumbers()).toEqual(all);
  });

  it('cuts in one transaction: a failure part-way leaves no batch and no number in flight', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards(bulkBook(1200).cards);
    me.db.exec(`CREATE TEMP TRIGGER fail_third_batch AFTER INSERT ON main.outbox
                WHEN (SELECT count(*) FROM main.outbox) = 3 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);

    expect(() => cutBatches(me.db, Date.now(), 500)).toThrow(/disk full/);
    expect(me.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(me.db.prepare('SELECT count(*) FROM numbers WHERE outbox_id IS NOT NULL').pluck().get()).toBe(0);

    me.db.exec('DROP TRIGGER temp.fail_third_batch');
    expect(cutBatches(me.db, Date.now(), 500)).toBe(3);
    expect(me.db.prepare('SELECT count(*) FROM numbers WHERE outbox_id IS NULL').pluck().get()).toBe(0);
  });

  it('resends a queued batch under the same id and body, and the server gives the same answer', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards([vcard('a', 'Anita', ['07400 123456', '07400 123457', '07400 123458'])]);
    cutBatches(me.db, Date.now());
    const [batch] = queuedBatches(me.db);
    // The batch reached the server once already, but its answer was lost (say the app quit first).
    const client = new ServerClient(server().url, { token: me.token() });
    try {
      const first = await client.putBatch(batch!.batchId, { add: batch!.add, remove: batch!.remove });
      expect(first).toMatchObject({ added: 3, count: 3 });

      const summary = await me.engine().sync();
      expect(me.uploads()).toEqual([{ batchId: batch!.batchId, add: batch!.add, remove: batch!.remove }]);
      // The answer the engine recorded is the stored one: three added, not zero.
      expect(summary).toMatchObject({ batchesSent: 1, added: 3 });
      expect(await client.putBatch(batch!.batchId, { add: batch!.add, remove: batch!.remove })).toEqual(first);
    } finally {
      client.close();
    }
    expect(await me.serverNumbers()).toEqual(['+447400123456', '+447400123457', '+447400123458']);
    expect(getNumber(me.db, '+447400123456')?.state).toBe('synced');
  });

  it('keeps a batch queued while the server is unreachable and sends it later with the same id and body', async () => {
    const relay = await gate(server().url);
    const me = await signedInDevice(relay.url);
    let t = Date.now();
    const engine = me.engine({ now: () => t, random: () => 0 });
    const errors: SyncError[] = [];
    engine.on('error', (err) => errors.push(err));
    await me.importCards([vcard('a', 'Anita', ['07400 123456']), vcard('b', 'Ben', ['07400 123457'])]);

    await relay.close();
    const offline = await engine.sync();
    expect(offline).toMatchObject({ batchesSent: 0, queued: 1, connectivity: 'offline' });
    expect(errors.map((e) => e.kind)).toEqual(['network']);
    expect(engine.status().lastError).toMatch(/ECONNREFUSED/);
    const [queued] = queuedBatches(me.db);
    expect(queued).toMatchObject({ add: ['+447400123456', '+447400123457'], remove: [], attempts: 1 });
    expect(queued!.lastError).toMatch(/^network:/);
    expect(queued!.nextAttemptAt).toBeGreaterThan(t);
    expect(engine.status()).toMatchObject({ connectivity: 'offline', queuedBatches: 1, queuedNumbers: 2 });

    // Meanwhile Ben goes and Chen comes; the queued batch stays as it was cut.
    await me.importCards([vcard('a', 'Anita', ['07400 123456']), vcard('c', 'Chen', ['07400 123458'])]);
    await relay.open();
    const from = me.requests.length;
    // Not due yet by the engine's clock: nothing is sent.
    expect(await engine.sync()).toMatchObject({ batchesSent: 0 });
    expect(me.uploads(from)).toEqual([]);

    t += 10 * 60_000;
    const later = await engine.sync();
    expect(later).toMatchObject({ queued: 0, connectivity: 'online', error: null });
    // The failure is over, so the status no longer reports it.
    expect(engine.status().lastError).toBeNull();
    expect(me.uploads(from)).toEqual([
      { batchId: queued!.batchId, add: queued!.add, remove: [] },
      { batchId: expect.any(String), add: ['+447400123458'], remove: [] },
      // Ben's number was on its way up when he was deleted: once it has arrived, it is taken down again.
      { batchId: expect.any(String), add: [], remove: ['+447400123457'] },
    ]);
    expect(await me.serverNumbers()).toEqual(['+447400123456', '+447400123458']);
    expect(numberDiscrepancies(me.db)).toEqual([]);
  });

  it('uploads a number again when it is held again while its removal is in flight', async () => {
    const me = await signedInDevice(server().url);
    const anita = vcard('a', 'Anita', ['07400 123456']);
    const ben = vcard('b', 'Ben', ['07400 123457']);
    const engine = me.engine();
    await me.importCards([anita]);
    await engine.sync();
    await me.importCards([ben]);
    expect(cutBatches(me.db, Date.now())).toBe(1);
    // Anita comes back before the batch that removes her number has gone.
    await me.importCards([anita, ben]);

    await engine.sync();

    expect(me.uploads().slice(1)).toEqual([
      { batchId: expect.any(String), add: ['+447400123457'], remove: ['+447400123456'] },
      { batchId: expect.any(String), add: ['+447400123456'], remove: [] },
    ]);
    expect(await me.serverNumbers()).toEqual(['+447400123456', '+447400123457']);
    expect(numberDiscrepancies(me.db)).toEqual([]);
  });

  it('logs every batch with its time, its numbers and the result, newest first', async () => {
    const bea = await signIn(server().url, freshNumber());
    const me = await signedInDevice(server().url);
    const start = Date.UTC(2030, 0, 1);
    let t = start;
    const engine = me.engine({ now: () => t, batchSize: 2 });
    await me.importCards([vcard('a', 'Anita', ['07400 123456', '07400 123457']), vcard('b', 'Bea', [bea.e164])]);
    await engine.sync();
    t += 60_000;
    await me.importCards([vcard('b', 'Bea', [bea.e164])]);
    await engine.sync();

    const sent = me.uploads();
    expect(sent.map((b) => [b.add, b.remove])).toEqual([
      [['+447400123456', '+447400123457'], []],
      [[bea.e164], []],
      [[], ['+447400123456', '+447400123457']],
    ]);
    const log = uploadLog(me.db);
    // Each sync is a run: the batches of the first share its id and start time.
    const [second, first] = [log[0]!.runId, log[1]!.runId];
    expect(first).not.toBe(second);
    expect(log).toEqual([
      {
        batchId: sent[2]!.batchId,
        at: t,
        added: [],
        removed: sent[2]!.remove,
        result: 'applied',
        detail: null,
        runId: second,
        runAt: t,
      },
      {
        batchId: sent[1]!.batchId,
        at: start,
        added: [bea.e164],
        removed: [],
        result: 'applied',
        detail: '1 on Kith',
        runId: first,
        runAt: start,
      },
      {
        batchId: sent[0]!.batchId,
        at: start,
        added: sent[0]!.add,
        removed: [],
        result: 'applied',
        detail: null,
        runId: first,
        runAt: start,
      },
    ]);
    expect(uploadLog(me.db, 1, 1)).toEqual([log[1]]);
  });

  it('resolves, keeping the batch, when nobody listens for its error events', async () => {
    const relay = await gate(server().url);
    const me = await signedInDevice(relay.url);
    await me.importCards([vcard('a', 'Anita', ['07400 123456'])]);
    await relay.close();
    const summary = await me.engine().sync();
    expect(summary).toMatchObject({ batchesSent: 0, queued: 1, connectivity: 'offline' });
  });
});
