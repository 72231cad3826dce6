import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login } from '../../server/testing/client.ts';
import type { SyncStatus } from '../sync/engine.ts';
import type { ProxiedRequest } from '../testing/fault-proxy.ts';
import { kith, type Outcome } from '../testing/kith-cli.ts';
import { contacts, importBook, phoneNumber, proxiedSetup, type Proxied } from '../testing/sync-fixture.ts';

/**
 * `kith sync` through a fault proxy that cuts the connection of one kind of request: a pass that did not finish
 * every step exits 3 naming the step, and `kith status` keeps that error until a sync finishes.
 */

const SLOW = { timeout: 180_000 };
const CUT = { kind: 'drop', phase: 'before' } as const;
const isEventPull = (req: ProxiedRequest) => req.method === 'GET' && req.path.startsWith('/v1/events?');
const isAck = (req: ProxiedRequest) => req.method === 'POST' && req.path === '/v1/events/ack';

let env: Proxied;
let run: (...args: string[]) => Promise<Outcome>;

beforeEach(async () => {
  env = await proxiedSetup();
  await importBook(env.db, join(env.dir, 'book.csv'), contacts(0, 3));
  run = (...args) => kith(env.dir, join(env.dir, 'kith.db'), ...args);
});

afterEach(async () => {
  await env.close();
});

const json = <T>(outcome: Outcome): T => JSON.parse(outcome.stdout) as T;
const joinedNames = async () => json<Array<{ name: string }>>(await run('joined', '--json')).map((c) => c.name);

describe('kith sync when a step fails', () => {
  it(
    'a connection cut while fetching join events: exit 3 naming the step, the error kept until a sync finishes',
    SLOW,
    async () => {
      expect((await run('sync')).code).toBe(0);
      await login(env.server.url, phoneNumber(1));

      env.proxy.next(CUT, isEventPull);
      const failed = await run('sync');
      expect(failed.code).toBe(3);
      expect(failed.stderr).toBe(
        'kith sync: fetching join events failed: GET /v1/events: ECONNRESET; they will be fetched on the next sync\n',
      );
      expect(await joinedNames()).toEqual([]);
      const [status, statusText] = await Promise.all([run('status', '--json'), run('status')]);
      expect(json<SyncStatus>(status)).toMatchObject({
        connectivity: 'offline',
        lastError: 'fetching join events failed: GET /v1/events: ECONNRESET; they will be fetched on the next sync',
      });
      expect(statusText.stdout).toContain('State:      offline, the last sync did not finish (as of the last sync)\n');
      expect(statusText.stdout).toContain('Last error: fetching join events failed: GET /v1/events: ECONNRESET;');

      const passed = await run('sync');
      expect(passed).toMatchObject({ code: 0, stderr: '' });
      expect(passed.stdout).toContain('; 1 new join.');
      expect(await joinedNames()).toEqual(['Contact 1']);
      expect(json<SyncStatus>(await run('status', '--json'))).toMatchObject({
        connectivity: 'online',
        lastError: null,
      });
    },
  );

  it('a connection cut on the acknowledgement: exit 3 naming it, and the next sync acknowledges', SLOW, async () => {
    expect((await run('sync')).code).toBe(0);
    await login(env.server.url, phoneNumber(2));

    env.proxy.next(CUT, isAck);
    const failed = await run('sync');
    expect(failed.code).toBe(3);
    expect(failed.stderr).toBe(
      'kith sync: acknowledging join events failed: POST /v1/events/ack: ECONNRESET; ' +
        'they are acknowledged on the next sync\n',
    );
    expect(json<SyncStatus>(await run('status', '--json'))).toMatchObject({
      connectivity: 'offline',
      lastError: expect.stringMatching(/^acknowledging join events failed: /),
    });

    const acks = () => env.proxy.log.filter((r) => isAck(r) && r.upstream?.status === 200).length;
    const before = acks();
    const passed = await run('sync');
    expect(passed).toMatchObject({ code: 0, stderr: '' });
    expect(acks()).toBe(before + 1);
    expect(await joinedNames()).toEqual(['Contact 2']);
    expect(json<SyncStatus>(await run('status', '--json'))).toMatchObject({ connectivity: 'online', lastError: null });
  });

  it('a failing server (503) on the event pull: exit 3, reported online but with the error', SLOW, async () => {
    expect((await run('sync')).code).toBe(0);
    env.proxy.next({ kind: 'status', status: 503 }, isEventPull);
    const failed = await run('sync');
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/^kith sync: fetching join events failed: GET \/v1\/events: 503 injected;/);
    expect(json<SyncStatus>(await run('status', '--json'))).toMatchObject({
      connectivity: 'online',
      lastError: expect.stringMatching(/^fetching join events failed: GET \/v1\/events: 503/),
    });
    expect((await run('sync')).code).toBe(0);
    expect(json<SyncStatus>(await run('status', '--json')).lastError).toBeNull();
  });
});
