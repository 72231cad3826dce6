/**
 * The server secret: 32 random bytes kept outside the database, so that a copy of the database alone cannot tell
 * which phone numbers or client addresses its hashes stand for (there are few enough of either to try them all
 * against a plain hash). Every process on one database must use the same secret.
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A KeyObject rather than bytes: it serializes to `{}`, so logging a config or context cannot print it. */
export type ServerSecret = KeyObject;

export const SECRET_BYTES = 32;

export class SecretError extends Error {}

/** HMAC-SHA-256 of `data` under the secret, as hex; `purpose` keeps one kind of hash from standing for another. */
export function keyedHash(secret: ServerSecret, purpose: string, data: string): string {
  return createHmac('sha256', secret).update(`${purpose}:`).update(data).digest('hex');
}

export function newSecret(): ServerSecret {
  return createSecretKey(randomBytes(SECRET_BYTES));
}

/** A secret written as hex or base64 (`where` names its source in the error); at least 32 bytes. */
export function parseSecret(text: string, where: string): ServerSecret {
  const trimmed = text.trim();
  let bytes: Buffer | null = null;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
  if (!bytes || bytes.length < SECRET_BYTES) {
    throw new SecretError(`${where}: expected at least ${SECRET_BYTES} random bytes written as hex or base64`);
  }
  return createSecretKey(bytes);
}

/**
 * The secret in `path`, created there (mode 0600, its folder 0700) on first start. A file that group or others may
 * open is refused: whoever reads it can reverse the hashes.
 */
export function secretFromFile(path: string): ServerSecret {
  let text: string;
  try {
    text = read(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(path, err);
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // `wx`: when two processes start at once, the second reads the first one's secret instead of replacing it.
      writeFileSync(path, `${randomBytes(SECRET_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (created) {
      if ((created as NodeJS.ErrnoException).code !== 'EEXIST') throw unreadable(path, created);
    }
    try {
      text = read(path);
    } catch (again) {
      throw unreadable(path, again);
    }
  }
  return parseSecret(text, `KITH_SECRET_FILE ${path}`);
}

function read(path: string): string {
  const stat = statSync(path);
  // Windows has no such mode bits; there the folder's access list protects the file.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new SecretError(`KITH_SECRET_FILE ${path} is open to group or others (mode ${mode}): chmod 600 it`);
  }
  return readFileSync(path, 'utf8');
}

function unreadable(path: string, err: unknown): Error {
  if (err instanceof SecretError) return err;
  return new SecretError(`KITH_SECRET_FILE ${path}: ${(err as Error).message}`);
}
