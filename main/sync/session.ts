/** The signed-in session and what depends on it: login, logout, deleting server data or the account. */
import type { Db } from '../store/open.ts';
import { applyRegionChoice } from '../import/region.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { ServerClient, type ClientOptions } from './client.ts';
import { NotSignedInError } from './errors.ts';

/** Where the bearer token lives: the store by default; the desktop app encrypts it with the OS keychain. */
export interface TokenStore {
  read(): string | null;
  write(token: string | null): void;
}

export function settingsTokenStore(db: Db): TokenStore {
  return {
    read: () => getSetting(db, 'session_token'),
    write: (token) => setSetting(db, 'session_token', token),
  };
}

export interface SessionInfo {
  server: string;
  userId: string | null;
  e164: string | null;
}

export function sessionInfo(db: Db): SessionInfo | null {
  const server = getSetting(db, 'server_url');
  return server ? { server, userId: getSetting(db, 'user_id'), e164: getSetting(db, 'own_number') } : null;
}

/** A client for the stored server and token; `serverOverride` (e.g. `--server`) must match a session's server. */
export function signedInClient(db: Db, tokens: TokenStore, options: ClientOptions = {}): ServerClient {
  const server = getSetting(db, 'server_url');
  const token = tokens.read();
  if (!server || !token) throw new NotSignedInError();
  return new ServerClient(server, { ...options, token });
}

/**
 * Forgets what the server was believed to hold: every wanted number becomes new again, the rest are dropped,
 * the outbox is emptied. Used when the server's copy is deleted or the account changes.
 */
export function resetSyncState(db: Db, now: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM outbox').run();
    db.prepare('DELETE FROM numbers WHERE refs = 0').run();
    db.prepare(
      `UPDATE numbers SET state = 'new', outbox_id = NULL, rejected = NULL, synced_at = NULL,
         registered_user_id = NULL, registered_at = NULL, changed_at = ?`,
    ).run(now);
    db.prepare('DELETE FROM joins').run();
    for (const key of ['event_cursor', 'last_sync_at', 'next_reconcile_at'] as const) setSetting(db, key, null);
  })();
}

export interface LoginResult {
  status: 'code_sent' | 'signed_in';
  userId?: number;
  newAccount?: boolean;
}

/**
 * Starts verification, or finishes it with `code`. A dev-mode server hands the code back, so then one call
 * signs in unattended.
 */
export async function login(
  db: Db,
  tokens: TokenStore,
  server: string,
  e164: string,
  options: { code?: string; deviceName?: string; now: number; client?: ClientOptions },
): Promise<LoginResult> {
  const client = new ServerClient(server, options.client);
  try {
    let code = options.code;
    if (!code) {
      const started = await client.startVerification(e164);
      if (!started.devCode) return { status: 'code_sent' };
      code = started.devCode;
    }
    const session = await client.verify(e164, code, options.deviceName);
    const previous = { server: getSetting(db, 'server_url'), userId: getSetting(db, 'user_id') };
    db.transaction(() => {
      if (previous.server !== client.baseUrl || previous.userId !== String(session.userId)) {
        resetSyncState(db, options.now);
      }
      setSetting(db, 'server_url', client.baseUrl);
      setSetting(db, 'user_id', String(session.userId));
      setSetting(db, 'device_id', String(session.deviceId));
      tokens.write(session.token);
    })();
    // The verified number is the user's own: its country becomes the default region unless it already is.
    if (getSetting(db, 'own_number') !== session.e164) applyRegionChoice(db, { me: session.e164 });
    return { status: 'signed_in', userId: session.userId, newAccount: session.newAccount };
  } finally {
    client.close();
  }
}

/** Signs this device out on the server (best effort) and forgets the token. */
export async function logout(db: Db, tokens: TokenStore): Promise<void> {
  try {
    const client = signedInClient(db, tokens);
    try {
      await client.logout();
    } finally {
      client.close();
    }
  } catch {
    // Signed out locally whatever the server says; the token is useless once forgotten.
  }
  tokens.write(null);
}

/** Deletes every uploaded number on the server, and pauses uploading until the user resumes. */
export async function deleteServerData(db: Db, tokens: TokenStore, now: number): Promise<number> {
  const client = signedInClient(db, tokens);
  try {
    const { deleted } = await client.deleteContacts();
    db.transaction(() => {
      resetSyncState(db, now);
      setSetting(db, 'sync_paused', '1');
      db.prepare(
        `INSERT INTO upload_log (batch_id, at, added, removed, result, detail) VALUES ('-', ?, '[]', '[]', 'deleted', ?)`,
      ).run(now, `all ${deleted} uploaded numbers deleted from the server`);
    })();
    return deleted;
  } finally {
    client.close();
  }
}

/** Deletes the account on the server and every piece of local sync state; the address book stays. */
export async function deleteAccount(db: Db, tokens: TokenStore, now: number): Promise<void> {
  const client = signedInClient(db, tokens);
  try {
    await client.deleteAccount();
  } finally {
    client.close();
  }
  db.transaction(() => {
    resetSyncState(db, now);
    tokens.write(null);
    for (const key of ['server_url', 'user_id', 'device_id', 'sync_paused'] as const) setSetting(db, key, null);
    db.prepare(
      `INSERT INTO upload_log (batch_id, at, added, removed, result, detail) VALUES ('-', ?, '[]', '[]', 'deleted', 'account deleted')`,
    ).run(now);
  })();
}
