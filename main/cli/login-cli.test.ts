import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, startVerification, type Running } from '../../server/testing/client.ts';
import type { CodeSender } from '../../server/verification/senders.ts';
import { openStore } from '../store/open.ts';
import { getSetting } from '../store/settings.ts';
import { freshNumber } from '../testing/sync-harness.ts';
import { tempDir } from '../testing/tmp.ts';
import { runKith as kith } from '../testing/kith-cli.ts';

/** `kith login` against a server that only texts its codes: asking and answering are two separate processes. */

const SLOW = { timeout: 180_000 };

describe('kith login in two steps', () => {
  const texts: Array<{ e164: string; code: string }> = [];
  const gateway: CodeSender = { kind: 'webhook', send: async (e164, code) => void texts.push({ e164, code }) };
  let server: Running;
  beforeAll(async () => {
    server = await startServer('sqlite', { dev: false }, { sender: gateway });
  });
  afterAll(async () => server?.stop());

  it('keeps the session it asked for until the code signs in with it', SLOW, async () => {
    const url = server.url;
    const home = tempDir();
    const db = join(home, 'kith.db');
    const run = (...args: string[]) => kith(home, ...args, '--db', db);
    const pending = () => {
      const store = openStore(db);
      try {
        return getSetting(store, 'pending_verification');
      } finally {
        store.close();
      }
    };
    const me = freshNumber();

    expect(await run('login', '--code', '123456')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('kith login: --server http(s)://… is required'),
    });

    expect(await run('login', '--server', url, '--phone', me)).toEqual({
      code: 0,
      stdout: `A code was sent to ${me}. Run: kith login --code CODE\n`,
      stderr: '',
    });
    const code = texts.find((t) => t.e164 === me)!.code;
    expect(JSON.parse(pending()!)).toMatchObject({ server: url, e164: me, sessionId: expect.any(String) });

    // A start from somewhere else opens a session of its own and replaces nothing.
    expect((await startVerification(url, me)).status).toBe(200);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await run('login', '--code', wrong);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^kith login: POST \/v1\/verification\/verify: 400 wrong_code/);

    expect(await run('login', '--code', code)).toEqual({
      code: 0,
      stdout: `Signed in to ${url} as ${me} (new account).\n`,
      stderr: '',
    });
    expect(pending()).toBeNull();
    const again = await run('login', '--server', url, '--phone', me, '--code', code);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toContain(`kith login: no code is pending for ${me} at ${url}`);
  });
});
