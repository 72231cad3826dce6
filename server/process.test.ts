import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { call, startSession, verifySession } from './testing/client.ts';
import { createTestDatabase } from './testing/databases.ts';
import { openStream } from './testing/stream.ts';
import { eachDialect } from './testing/suite.ts';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

interface Child {
  process: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | string>;
}

function runServer(env: Record<string, string>): Child {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KITH_')));
  // The per-user data folder, where the server makes its secret on first start, is the test's own.
  const data = { XDG_DATA_HOME: join(dir, 'data') };
  const child = spawn(process.execPath, [MAIN], {
    env: { ...clean, ...data, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => stdout.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal!)),
  );
  return { process: child, stdout, stderr, exited };
}

/** The URL from the one line the server prints when it listens. */
async function listening(child: Child): Promise<string> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const line = child.stdout.find((l) => l.startsWith('kith-server listening on '));
    if (line) return /^kith-server listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)![1]!;
    if (child.process.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no listening line; stdout ${child.stdout.join('\n')} stderr ${child.stderr.join('\n')}`);
}

async function exitWithin(child: Child, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>(
    (resolve) => (timer = setTimeout(() => resolve(`still running after ${ms} ms`), ms)),
  );
  const result = await Promise.race([child.exited, timeout]);
  clearTimeout(timer);
  if (typeof result === 'string' && result.startsWith('still')) child.process.kill('SIGKILL');
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'kith-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

await eachDialect('the server process', (dialect) => {
  it('prints where it listens, serves, and exits 0 on SIGTERM with connections open', async () => {
    const db = dialect === 'sqlite' ? null : await createTestDatabase(dialect);
    const child = runServer({
      KITH_PORT: '0',
      KITH_DEV: '1',
      DATABASE_URL: db?.url ?? `sqlite:${join(dir, 'server.sqlite')}`,
    });
    try {
      const url = await listening(child);
      // Made on first start in the data folder, for its user alone.
      expect(statSync(join(dir, 'data', 'kith-server', 'secret.key')).mode & 0o777).toBe(0o600);
      expect(child.stdout.filter((l) => l.startsWith('kith-server listening on '))).toHaveLength(1);
      expect((await call(url, 'GET', '/health')).body).toEqual({ ok: true, database: dialect });

      // Shutdown does not wait for clients: fetch keeps its connections alive, and a device has its stream open.
      const e164 = '+447701400001';
      const { sessionId, code } = await startSession(url, e164);
      const verified = await verifySession(url, sessionId, code);
      const stream = await openStream(url, verified.body.token);
      await stream.until(() => stream.messages.length > 0);
      child.process.kill('SIGTERM');
      expect(await exitWithin(child, 10_000)).toBe(0);
      expect((await stream.closed).code).toBe(1001);
      // Dev mode prints codes to the console, outside the structured log.
      expect(child.stderr.some((l) => l.includes(`verification code for ${e164}`))).toBe(true);
    } finally {
      child.process.kill('SIGKILL');
      await db?.drop();
    }
  }, 60_000); // a process start and a database on a busy machine
});

const openSecret = join(dir, 'open.key');
writeFileSync(openSecret, `${'ab'.repeat(32)}\n`, { mode: 0o644 });
chmodSync(openSecret, 0o644);
const shortSecret = join(dir, 'short.key');
writeFileSync(shortSecret, 'abcd\n', { mode: 0o600 });

it.each([
  ['an unknown scheme', { DATABASE_URL: 'oracle://db.example/kith' }, /DATABASE_URL must start with/],
  ['an unreachable database', { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/kith' }, /ECONNREFUSED|connect/],
  ['a secret file others may read', { KITH_SECRET_FILE: openSecret }, /open.key is open to group or others/],
  ['a malformed secret file', { KITH_SECRET_FILE: shortSecret }, /short.key: expected at least 32 random bytes/],
  ['a malformed KITH_SECRET', { KITH_SECRET: 'not-hex!' }, /^kith-server: KITH_SECRET: expected at least 32/],
])('exits 1 with one line on stderr for %s', async (_, env, message) => {
  const child = runServer(env);
  expect(await exitWithin(child, 20_000)).toBe(1);
  expect(child.stderr).toHaveLength(1);
  expect(child.stderr[0]).toMatch(/^kith-server: /);
  expect(child.stderr[0]).toMatch(message);
  expect(child.stdout.filter((l) => l.includes('listening'))).toEqual([]);
});
