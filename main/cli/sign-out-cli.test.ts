import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { call } from '../../server/testing/client.ts';
import { createTestDatabase } from '../../server/testing/databases.ts';
import type { SyncStatus } from '../sync/engine.ts';
import { kith, storedToken, type Outcome } from '../testing/kith-cli.ts';
import { serve, type Served } from '../testing/sync-fixture.ts';
import { freshNumber } from '../testing/sync-harness.ts';
import { tempDir } from '../testing/tmp.ts';

/** `kith logout` against a real server on loopback: online, offline, and sent later by the next command. */

/** Each run of `kith` starts Node and loads the CLI: about a second, several on a busy machine. */
const SLOW = { timeout: 180_000 };

const QUEUED = 'Signed out on this device; the server will be told when it can be reached.\n';

/** A sync server over a SQLite database of its own, which can be stopped and started again on the same port. */
async function restartable(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
  const database = await createTestDatabase('sqlite');
  let served: Served | null = await serve(database.url);
  const url = served.url;
  const stop = async () => {
    await served?.close();
    served = null;
  };
  onTestFinished(async () => {
    await stop();
    await database.drop();
  });
  return {
    url,
    stop,
    async start() {
      served ??= await serve(database.url, Number(new URL(url).port));
    },
  };
}

/** What the server says to a token: 200 while its session lasts, 401 once it has ended. */
async function accountStatus(url: string, token: string): Promise<number> {
  return (await call(url, 'GET', '/v1/account', { token })).status;
}

function cli() {
  const home = tempDir();
  const db = join(home, 'kith.db');
  return { db, run: (...args: string[]): Promise<Outcome> => kith(home, db, ...args) };
}

const json = <T>(run: Outcome): T => JSON.parse(run.stdout) as T;

describe('kith logout', () => {
  it('ends the session on the server: the old token gets 401', SLOW, async () => {
    const server = await restartable();
    const { db, run } = cli();
    expect((await run('login', '--server', server.url, '--phone', freshNumber())).code).toBe(0);
    const token = storedToken(db)!;
    expect(await accountStatus(server.url, token)).toBe(200);

    expect(await run('logout')).toEqual({ code: 0, stdout: 'Signed out.\n', stderr: '' });
    expect(storedToken(db)).toBeNull();
    expect(await accountStatus(server.url, token)).toBe(401);
    expect(json<SyncStatus>(await run('status', '--json'))).toMatchObject({ signedIn: false, pendingSignOuts: [] });
  });

  it(
    'signed out while the server is down: says so, exits 3, forgets the token, and the next login sends it first',
    SLOW,
    async () => {
      const server = await restartable();
      const { db, run } = cli();
      const me = freshNumber();
      expect((await run('login', '--server', server.url, '--phone', me)).code).toBe(0);
      const token = storedToken(db)!;

      await server.stop();
      const offline = await run('logout');
      expect(offline).toEqual({
        code: 3,
        stdout: QUEUED,
        stderr: `kith logout: telling ${server.url} failed: POST /v1/logout: ECONNREFUSED\n`,
      });
      expect(storedToken(db)).toBeNull();
      const [status, statusText] = await Promise.all([run('status', '--json'), run('status')]);
      expect(json<SyncStatus>(status)).toMatchObject({
        signedIn: false,
        pendingSignOuts: [{ server: server.url, attempts: 1, lastError: 'network: POST /v1/logout: ECONNREFUSED' }],
      });
      expect(statusText.stdout).toContain(`Sign-out:   not yet confirmed by ${server.url} (since `);
      // The status never shows the token.
      expect(status.stdout + statusText.stdout).not.toContain(token);

      // Same database, same port: the session is still valid there until the server hears of the sign-out.
      await server.start();
      expect(await accountStatus(server.url, token)).toBe(200);
      expect((await run('login', '--server', server.url, '--phone', me)).code).toBe(0);
      expect(await accountStatus(server.url, token)).toBe(401);
      expect(await accountStatus(server.url, storedToken(db)!)).toBe(200);
      expect(json<SyncStatus>(await run('status', '--json')).pendingSignOuts).toEqual([]);
    },
  );

  it(
    'keeps a sign-out for a server that is down through a sign-in elsewhere; a later sync there sends it',
    SLOW,
    async () => {
      const first = await restartable();
      const second = await restartable();
      const { db, run } = cli();
      expect((await run('login', '--server', first.url, '--phone', freshNumber())).code).toBe(0);
      const oldToken = storedToken(db)!;
      await first.stop();
      expect((await run('logout')).code).toBe(3);

      // Signing in to another server neither loses the pending sign-out nor sends the new session's token there.
      expect((await run('login', '--server', second.url, '--phone', freshNumber())).code).toBe(0);
      const newToken = storedToken(db)!;
      const offline = await run('sync');
      expect(offline.code).toBe(3);
      expect(offline.stderr).toBe(
        `kith sync: telling ${first.url} about a sign-out failed: POST /v1/logout: ECONNREFUSED; ` +
          'it is sent again on the next sync\n',
      );
      const pending = json<SyncStatus>(await run('status', '--json'));
      expect(pending).toMatchObject({
        signedIn: true,
        server: second.url,
        pendingSignOuts: [{ server: first.url, attempts: 3 }],
        lastError: expect.stringMatching(/^telling http:\S+ about a sign-out failed: /),
      });

      await first.start();
      const online = await run('sync');
      expect(online.code).toBe(0);
      expect(online.stdout).toMatch(/^1 earlier sign-out confirmed by the server\.\nSent 0 batches/);
      expect(await accountStatus(first.url, oldToken)).toBe(401);
      expect(await accountStatus(second.url, newToken)).toBe(200);
      expect(json<SyncStatus>(await run('status', '--json'))).toMatchObject({
        signedIn: true,
        pendingSignOuts: [],
        lastError: null,
      });
    },
  );
});
