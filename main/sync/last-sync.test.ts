import { describe, expect, it } from 'vitest';
import { serverFor } from '../../server/testing/suite.ts';
import { signedInDevice, vcard } from '../testing/sync-harness.ts';

/** When the status says the device last synced: any pass that reached the server and finished every step. */

const server = serverFor('sqlite');

describe('the last sync', () => {
  it('is the first pass after sign-in, with nothing to upload yet', async () => {
    const me = await signedInDevice(server().url);
    const engine = me.engine();
    expect(engine.status().lastSyncAt).toBeNull();
    const summary = await engine.sync({ pullEvents: true });
    expect(summary.failures).toEqual([]);
    expect(summary.batchesSent).toBe(0);
    const status = engine.status();
    expect(status.connectivity).toBe('online');
    expect(status.lastSyncAt).toEqual(expect.any(Number));
  });

  it('is the last batch applied once there is one, not a later pass with nothing to send', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards([vcard('a', 'Anita', ['07400 123456'])]);
    let now = Date.UTC(2030, 0, 1);
    const engine = me.engine({ now: () => now });
    expect((await engine.sync({ pullEvents: true })).batchesSent).toBe(1);
    const uploaded = now;
    expect(engine.status().lastSyncAt).toBe(uploaded);
    now += 60_000;
    const later = await engine.sync({ pullEvents: true });
    expect(later).toMatchObject({ batchesSent: 0, failures: [] });
    expect(engine.status().lastSyncAt).toBe(uploaded);
  });

  it('is not a pass that did not reach the server', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards([vcard('a', 'Anita', ['07400 123456'])]);
    // Nothing answers on this port: the upload fails with a network error.
    me.db.prepare(`UPDATE settings SET value = 'http://127.0.0.1:9' WHERE key = 'server_url'`).run();
    const engine = me.engine();
    const summary = await engine.sync({ pullEvents: true });
    expect(summary.failures.map((f) => f.step)).toEqual(['upload']);
    expect(engine.status().connectivity).toBe('offline');
    expect(engine.status().lastSyncAt).toBeNull();
  });

  it('is not a pass that reached the server but left a step unfinished', async () => {
    const me = await signedInDevice(server().url);
    const engine = me.engine();
    // A refused session: the event pull fails with the server answering.
    me.db.prepare(`UPDATE settings SET value = 'not-a-session' WHERE key = 'session_token'`).run();
    const summary = await engine.sync({ pullEvents: true });
    expect(summary.failures.map((f) => f.step)).toEqual(['events']);
    expect(engine.status().lastSyncAt).toBeNull();
  });
});
