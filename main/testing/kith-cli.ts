/**
 * Runs the real `kith` command (`node bin/kith.js`) as a child process. Asynchronous on purpose: a test may serve
 * the sync server or a fault proxy from its own process while the command talks to it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openStore } from '../store/open.ts';
import { getSetting } from '../store/settings.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kith.js');

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One run with a clean environment (no KITH_DB, no KITH_SERVER, a home of its own), output piped. */
export function runKith(home: string, ...args: string[]): Promise<Outcome> {
  const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: join(home, 'data'), LANG: 'C.UTF-8' };
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  const out: Outcome = { code: null, stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out.stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out.stderr += s));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ ...out, code }));
  });
}

/** The same, on the store at `db`. */
export function kith(home: string, db: string, ...args: string[]): Promise<Outcome> {
  return runKith(home, ...args, '--db', db);
}

/** The session token a run left in the store at `path`, or null when signed out. */
export function storedToken(path: string): string | null {
  const db = openStore(path);
  try {
    return getSetting(db, 'session_token');
  } finally {
    db.close();
  }
}
