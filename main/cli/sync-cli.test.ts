import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../server/testing/client.ts';
import { serverFor, signIn } from '../../server/testing/suite.ts';
import type { SyncStatus } from '../sync/engine.ts';
import type { UploadLogEntry } from '../sync/history.ts';
import { queuedBatches } from '../sync/outbox.ts';
import { openStore } from '../store/open.ts';
import { getSetting } from '../store/settings.ts';
import { tempDir } from '../testing/tmp.ts';
import { freshNumber, gate, serverNumbers, signedInDevice, vcard, type Device } from '../testing/sync-harness.ts';
import { runKith as kith, type Outcome } from '../testing/kith-cli.ts';

/** A time as the CLI shows it: in its locale (en-US under LANG=C.UTF-8, the runner's), not ISO. */
const shownAt = (ms: number): string =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

/** `kith login`, `sync`, `status`, `joined`, `log`, `exclude`, `delete`: separate processes, a real server. */

/** Each run of `kith` starts Node and loads the CLI: about a second, several on a busy machine. */
const SLOW = { timeout: 180_000 };
const server = serverFor('sqlite');

const json = <T>(run: Outcome): T => JSON.parse(run.stdout) as T;

/** A store signed in in-process, with `cards` imported; the CLI then works on its file. */
async function device(
  url: string,
  cards: readonly string[],
): Promise<Device & { run: (...args: string[]) => Promise<Outcome> }> {
  const me = await signedInDevice(url);
  await me.importCards(cards);
  return Object.assign(me, { run: (...args: string[]) => runOn(me.dir, me.path, ...args) });
}

function runOn(home: string, db: string, ...args: string[]): Promise<Outcome> {
  return kith(home, ...args, '--db', db);
}

describe('kith sync and friends', () => {
  it(
    'signs in, syncs with a summary and progress, and reports status, joined contacts, the log and exclusions',
    SLOW,
    async () => {
      const url = server().url;
      const home = tempDir();
      const db = join(home, 'kith.db');
      const run = (...args: string[]) => runOn(home, db, ...args);
      const me = freshNumber();
      const bea = await signIn(url, freshNumber());
      const cy = freshNumber();
      const book = join(home, 'book.vcf');
      writeFileSync(
        book,
        [vcard('a', 'Anita', ['07400 123456']), vcard('b', 'Bea', [bea.e164]), vcard('c', 'Cy', [cy, '112'])].join(
          '\r\n',
        ) + '\r\n',
      );

      expect(await run('sync')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'kith sync: not signed in: run `kith login --server URL --phone +E164` first\n',
      });

      expect(await run('login', '--server', url, '--phone', me)).toEqual({
        code: 0,
        stdout: `Signed in to ${url} as ${me} (new account).\n`,
        stderr: '',
      });
      expect((await run('import', book)).code).toBe(0);

      expect(await run('sync')).toEqual({
        code: 0,
        stdout:
          'Sent 1 batch: 3 numbers added, 0 removed; 1 on Kith in these batches; 0 new joins. ' +
          'Reconciliation: unchanged.\n',
        stderr: 'sync: 0/3 numbers\nsync: 3/3 numbers\n',
      });

      await signIn(url, cy);
      expect(await run('sync')).toEqual({
        code: 0,
        stdout: 'Sent 0 batches: 0 numbers added, 0 removed; 0 on Kith in these batches; 1 new join.\n',
        stderr: '',
      });

      // Read-only commands, run side by side.
      const [statusJson, statusText, joined, joinedText, logJson, logText] = await Promise.all([
        run('status', '--json'),
        run('status'),
        run('joined', '--json'),
        run('joined'),
        run('log', '--json'),
        run('log'),
      ]);
      const status = json<SyncStatus>(statusJson);
      expect(status).toMatchObject({
        signedIn: true,
        server: url,
        connectivity: 'online',
        paused: false,
        queuedBatches: 0,
        queuedNumbers: 0,
        rejectedNumbers: 0,
        lastSyncAt: expect.any(Number),
        lastError: null,
      });
      expect(status.cursor).toBeGreaterThan(0);
      expect(statusText.stdout).toContain(`Server:     ${url}\nState:      online`);
      expect(statusText.stdout).toContain(`Cursor:     ${status.cursor}\n`);

      expect(json(joined)).toEqual([
        { name: 'Bea', e164: bea.e164 },
        { name: 'Cy', e164: cy },
      ]);
      expect(joinedText.stdout).toBe(`Bea  ${bea.e164}\nCy  ${cy}\n2 contacts on Kith\n`);

      const [entry, ...older] = json<UploadLogEntry[]>(logJson);
      expect(older).toEqual([]);
      expect(entry).toEqual({
        batchId: expect.any(String),
        at: status.lastSyncAt,
        added: ['+447400123456', bea.e164, cy].sort(),
        removed: [],
        result: 'applied',
        detail: '1 on Kith',
        runId: expect.any(String),
        runAt: expect.any(Number),
      });
      expect(logText.stdout).toContain(
        `Sync at ${shownAt(entry!.runAt!)}: 3 numbers added, 0 removed in 1 batch\n` +
          `${shownAt(entry!.at)}  applied  batch ${entry!.batchId}: +3 −0  (1 on Kith)\n    + +447400123456\n`,
      );

      expect(await run('exclude', 'Bea')).toMatchObject({
        code: 0,
        stdout: 'Excluded Bea. The next sync removes it from the server.\n',
      });
      expect(await run('exclude', '07400 123456')).toMatchObject({
        code: 0,
        stdout: 'Excluded +447400123456. The next sync removes it from the server.\n',
      });
      expect((await run('sync')).stdout).toMatch(/^Sent 1 batch: 0 numbers added, 2 removed;/);
      expect(await serverNumbers(url, storedToken(db))).toEqual([cy]);
      expect(json(await run('joined', '--json'))).toEqual([{ name: 'Cy', e164: cy }]);
    },
  );

  it('exits 3 and keeps the batch while the server is unreachable, and sends it on the next sync', SLOW, async () => {
    const relay = await gate(server().url);
    const me = await device(relay.url, [vcard('a', 'Anita', ['07400 123456', '07400 123457'])]);

    await relay.close();
    const offline = await me.run('sync');
    expect(offline.code).toBe(3);
    expect(offline.stdout).toContain('1 batch still queued (offline); it is kept and sent on the next sync.\n');
    expect(offline.stderr).toContain('ECONNREFUSED');
    const [queued] = queuedBatches(me.db);
    expect(queued).toMatchObject({ add: ['+447400123456', '+447400123457'], attempts: 1 });
    expect(json(await me.run('status', '--json'))).toMatchObject({
      connectivity: 'offline',
      queuedBatches: 1,
      queuedNumbers: 2,
    });

    await relay.open();
    const online = await me.run('sync');
    expect(online).toMatchObject({ code: 0, stderr: 'sync: 0/2 numbers\nsync: 2/2 numbers\n' });
    expect(online.stdout).toMatch(/^Sent 1 batch: 2 numbers added/);
    expect(await serverNumbers(server().url, me.token())).toEqual(['+447400123456', '+447400123457']);
    const [log, status] = await Promise.all([me.run('log', '--json'), me.run('status', '--json')]);
    expect(json<UploadLogEntry[]>(log)).toEqual([
      expect.objectContaining({ batchId: queued!.batchId, added: queued!.add, result: 'applied' }),
    ]);
    expect(json(status)).toMatchObject({ connectivity: 'online', queuedBatches: 0 });
  });

  it('deletes the server copy (uploading pauses until --resume), then the account', SLOW, async () => {
    const me = await device(server().url, [vcard('a', 'Anita', ['07400 123456', '07400 123457'])]);
    expect((await me.run('sync')).code).toBe(0);

    expect(await me.run('delete', '--server-data', '--yes')).toEqual({
      code: 0,
      stdout: 'Deleted 2 uploaded numbers from the server. Uploading is paused; `kith sync --resume` resumes.\n',
      stderr: '',
    });
    expect(await me.serverNumbers()).toEqual([]);
    const paused = await me.run('sync');
    expect(paused.code).toBe(0);
    expect(paused.stdout).toMatch(/^Uploading is paused .*`kith sync --resume` resumes\.\nSent 0 batches/);
    expect(await me.serverNumbers()).toEqual([]);

    expect((await me.run('sync', '--resume')).stdout).toMatch(/^Sent 1 batch: 2 numbers added/);
    expect(await me.serverNumbers()).toEqual(['+447400123456', '+447400123457']);

    const token = me.token();
    expect((await me.run('delete', '--account', '--yes')).code).toBe(0);
    expect((await call(server().url, 'GET', '/v1/contacts', { token })).status).toBe(401);
    const [status, signedOut] = await Promise.all([me.run('status', '--json'), me.run('sync')]);
    expect(json(status)).toMatchObject({ signedIn: false, server: null });
    expect(signedOut).toEqual({
      code: 1,
      stdout: '',
      stderr: 'kith sync: not signed in: run `kith login --server URL --phone +E164` first\n',
    });
  });
});

/** The session token a CLI run stored. */
function storedToken(path: string): string {
  const db = openStore(path);
  try {
    return getSetting(db, 'session_token') ?? '';
  } finally {
    db.close();
  }
}
