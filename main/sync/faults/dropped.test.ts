/**
 * A flaky network: the proxy drops 30% of all requests at random (WebSocket upgrades and health probes included),
 * half of them after the server has already answered. The background engine still gets a few thousand numbers up,
 * takes an address-book edit made meanwhile, shows each join once, and ends exactly where the address book says.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxEvent } from '../../../protocol/api.ts';
import { login } from '../../../server/testing/client.ts';
import { SyncEngine } from '../engine.ts';
import { setExclusion } from '../exclusions.ts';
import type { SyncError } from '../errors.ts';
import { expectConverged, settled } from '../../testing/convergence.ts';
import { serverNumbers, wantedNumbers } from '../../testing/sync-harness.ts';
import { isBatch, passAll, randomFaults, seededRandom } from '../../testing/fault-proxy.ts';
import {
  contacts,
  FAST_BACKOFF,
  importBook,
  phoneNumber,
  proxiedSetup,
  waitFor,
  type Proxied,
} from '../../testing/sync-fixture.ts';

const SEED = Number(process.env.KITH_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));

let env: Proxied;

beforeEach(async () => {
  env = await proxiedSetup();
});

afterEach(async () => {
  await env.close();
});

describe('connections dropped at random', () => {
  it(`converges with 30% of requests dropped (seed ${SEED})`, async () => {
    const { db, dir, proxy } = env;
    // Two files sharing 500 numbers: 3000 distinct numbers, some held twice.
    await importBook(db, join(dir, 'a.csv'), contacts(0, 2500));
    await importBook(
      db,
      join(dir, 'b.csv'),
      contacts(2000, 1000).map((c) => ({ ...c, name: `Friend of ${c.name}` })),
    );
    proxy.plan = randomFaults(
      0.3,
      [
        { kind: 'drop', phase: 'before' },
        { kind: 'drop', phase: 'after' },
      ],
      seededRandom(SEED),
    );
    const engine = new SyncEngine({ db, batchSize: 50, backoff: FAST_BACKOFF });
    const failures: SyncError[] = [];
    const shown: number[] = [];
    engine.on('error', (e) => failures.push(e));
    engine.on('joined', (events: InboxEvent[]) => shown.push(...events.map((e) => e.id)));
    const registered = new Map<string, number>();
    engine.start();
    try {
      await waitFor('the first upload', () => settled(db), 90_000);
      expect(await serverNumbers(env.server.url, env.token)).toEqual(wantedNumbers(db));

      // Five uploaded contacts join (five events for this user); two people join before they are in the book.
      for (const i of [500, 501, 502, 503, 504]) {
        registered.set(phoneNumber(i), (await login(env.server.url, phoneNumber(i))).userId);
      }
      for (const i of [3000, 3001])
        registered.set(phoneNumber(i), (await login(env.server.url, phoneNumber(i))).userId);
      // The stream is cut once too; whatever it misses, the pull on reconnect catches up.
      proxy.cutConnections();

      // Meanwhile the address book changes: 200 contacts gone, 300 new (two of them already on Kith), one number
      // and one contact excluded.
      await importBook(db, join(dir, 'a.csv'), contacts(200, 2300).concat(contacts(3000, 300)));
      setExclusion(db, phoneNumber(1000), true, Date.now());
      setExclusion(db, 'Contact 1001', true, Date.now());
      engine.notifyChanged();
      await waitFor('the edit to go up and the joins to arrive', () => settled(db) && shown.length >= 5, 90_000);
    } finally {
      await engine.stop();
    }

    const dropped = proxy.log.filter((e) => e.outcome === 'dropped');
    expect(dropped.some((e) => e.fault.kind === 'drop' && e.fault.phase === 'after' && isBatch(e))).toBe(true);
    expect(dropped.some((e) => e.upgrade || e.path === '/health')).toBe(true);
    expect(failures.length).toBeGreaterThan(10);
    proxy.plan = passAll;
    await expectConverged({ db, server: env.server.url, token: env.token, joins: 5, shown, registered });
  }, 180_000);
});
