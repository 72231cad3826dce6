import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { call } from '../../server/testing/client.ts';
import { serverFor } from '../../server/testing/suite.ts';
import { FaultProxy, type ProxiedRequest } from '../testing/fault-proxy.ts';
import { FAST_BACKOFF } from '../testing/sync-fixture.ts';
import { gate, signedInDevice } from '../testing/sync-harness.ts';
import { logout, settingsTokenStore, type TokenStore } from './session.ts';
import { pendingSignOuts, sendSignOuts } from './sign-outs.ts';

/** Signing out: the token is forgotten at once, and the server is told now or, from the durable queue, later. */

const server = serverFor('sqlite');

/** What the server says to a token: 200 while its session lasts, 401 once it has ended. */
async function accountStatus(token: string): Promise<number> {
  return (await call(server().url, 'GET', '/v1/account', { token })).status;
}

const isLogout = (req: ProxiedRequest) => req.method === 'POST' && req.path === '/v1/logout';

describe('signing out', () => {
  it('ends the session on the server when it can be reached', async () => {
    const me = await signedInDevice(server().url);
    const token = me.token();
    expect(await logout(me.db, settingsTokenStore(me.db))).toEqual({ confirmed: true, failures: [] });
    expect(settingsTokenStore(me.db).read()).toBeNull();
    expect(pendingSignOuts(me.db)).toEqual([]);
    expect(await accountStatus(token)).toBe(401);
  });

  it('offline: forgets the token, queues the sign-out, and the background engine sends it once the server is back', async () => {
    const relay = await gate(server().url);
    const me = await signedInDevice(relay.url);
    const token = me.token();
    const tokens = settingsTokenStore(me.db);

    await relay.close();
    expect(await logout(me.db, tokens)).toEqual({
      confirmed: false,
      failures: [{ server: relay.url, message: 'POST /v1/logout: ECONNREFUSED' }],
    });
    expect(tokens.read()).toBeNull();
    expect(pendingSignOuts(me.db)).toEqual([
      {
        id: expect.any(Number),
        server: relay.url,
        since: expect.any(Number),
        attempts: 1,
        nextAttemptAt: expect.any(Number),
        lastError: 'network: POST /v1/logout: ECONNREFUSED',
      },
    ]);

    // Signed out, the engine has one thing left to do: keep trying to tell the server.
    const engine = me.engine({ backoff: FAST_BACKOFF });
    const confirmed = new Promise<string[]>((resolve) => engine.once('signed-out', resolve));
    engine.start();
    await vi.waitFor(() => expect(pendingSignOuts(me.db)[0]?.attempts).toBeGreaterThanOrEqual(3), {
      timeout: 15_000,
    });
    expect(await accountStatus(token)).toBe(200);

    await relay.open();
    expect(await confirmed).toEqual([relay.url]);
    expect(pendingSignOuts(me.db)).toEqual([]);
    expect(await accountStatus(token)).toBe(401);
  });

  it('keeps the queued token sealed as the TokenStore seals the live one, and drops one it can no longer open', async () => {
    const relay = await gate(server().url);
    const me = await signedInDevice(relay.url);
    const token = me.token();
    const plain = settingsTokenStore(me.db);
    const sealing: TokenStore = {
      ...plain,
      seal: (t) => `sealed:${[...t].reverse().join('')}`,
      unseal: (s) => (s.startsWith('sealed:') ? [...s.slice('sealed:'.length)].reverse().join('') : null),
    };

    await relay.close();
    expect((await logout(me.db, sealing)).confirmed).toBe(false);
    const stored = me.db.prepare('SELECT token FROM pending_sign_outs').pluck().all() as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^sealed:/);
    expect(stored[0]).not.toContain(token);
    // One whose sealing cannot be opened any more (a reset keychain): nothing can authenticate it.
    me.db
      .prepare('INSERT INTO pending_sign_outs (server, token, created_at) VALUES (?, ?, ?)')
      .run(relay.url, 'enc:unreadable', Date.now());

    await relay.open();
    expect(await sendSignOuts(me.db, sealing, { now: Date.now, force: true })).toEqual({
      confirmed: [relay.url],
      failures: [],
    });
    expect(pendingSignOuts(me.db)).toEqual([]);
    expect(await accountStatus(token)).toBe(401);
    const activity = me.db.prepare(`SELECT message FROM activity WHERE kind = 'error'`).pluck().all();
    expect(activity).toEqual([
      `The sign-out from ${relay.url} could not be sent: its token can no longer be read on this device`,
    ]);
  });

  it('a failing server keeps it queued with backoff; a 401 (the session already ended) completes it', async () => {
    const proxy = await FaultProxy.start(server().url);
    onTestFinished(() => proxy.close());
    const me = await signedInDevice(proxy.url);
    const token = me.token();
    const tokens = settingsTokenStore(me.db);

    proxy.next({ kind: 'status', status: 503 }, isLogout);
    const before = Date.now();
    expect(await logout(me.db, tokens)).toEqual({
      confirmed: false,
      failures: [{ server: proxy.url, message: 'POST /v1/logout: 503 injected' }],
    });
    const [queued] = pendingSignOuts(me.db);
    expect(queued).toMatchObject({ attempts: 1, lastError: 'server: POST /v1/logout: 503 injected' });
    expect(queued!.nextAttemptAt).toBeGreaterThan(before);

    // Not due yet: a round that respects the backoff sends nothing.
    expect(await sendSignOuts(me.db, tokens, { now: () => before })).toEqual({ confirmed: [], failures: [] });
    expect(proxy.log.filter(isLogout)).toHaveLength(1);

    // Meanwhile the session ends another way; the server's 401 says there is nothing left to do.
    expect((await call(server().url, 'POST', '/v1/logout', { token })).status).toBe(200);
    expect(await sendSignOuts(me.db, tokens, { now: Date.now, force: true })).toEqual({
      confirmed: [proxy.url],
      failures: [],
    });
    expect(proxy.log.filter(isLogout).map((e) => e.upstream?.status ?? null)).toEqual([null, 401]);
    expect(pendingSignOuts(me.db)).toEqual([]);
  });
});
