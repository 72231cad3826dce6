/** The signed-in session and what depends on it: login, logout, deleting server data or the account. */
import type { Db } from '../store/open.ts';
import { applyRegionChoice } from '../import/region.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { ServerClient, type ClientOptions } from './client.ts';
import { NotSignedInError, SyncError } from './errors.ts';
import { t } from '../../i18n/index.ts';
import { pendingSignOuts, queueSignOut, sendSignOuts } from './sign-outs.ts';

/** Where the bearer token lives: the store by default; the desktop app encrypts it with the OS keychain. */
export interface TokenStore {
  read(): string | null;
  write(token: string | null): void;
  /** A token to keep elsewhere (a sign-out the server has not confirmed), protected as `write` protects the live one. */
  seal(token: string): string;
  /** What `seal` protected, or null when it can no longer be read (a changed keychain). */
  unseal(sealed: string): string | null;
}

export function settingsTokenStore(db: Db): TokenStore {
  return {
    read: () => getSetting(db, 'session_token'),
    write: (token) => setSetting(db, 'session_token', token),
    seal: (token) => token,
    unseal: (sealed) => sealed,
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
 * A verification started and waiting for its code. The server ties the code to this session id, so it is kept in
 * the store: `kith login --code` runs in another process than the `kith login` that asked for the code.
 */
export interface PendingVerification {
  server: string;
  e164: string;
  sessionId: string;
  expiresAt: number;
}

export function pendingVerification(db: Db): PendingVerification | null {
  const raw = getSetting(db, 'pending_verification');
  if (!raw) return null;
  try {
    return JSON.parse(raw) as PendingVerification;
  } catch {
    return null;
  }
}

/**
 * Starts verification, or finishes it with `code`. A dev-mode server hands the code back, so then one call
 * signs in unattended. Otherwise the session the server opened is kept until a call with the code uses it;
 * `sessionId` names a session directly instead (the desktop app keeps its own).
 */
export async function login(
  db: Db,
  tokens: TokenStore,
  server: string,
  e164: string,
  options: { code?: string; sessionId?: string; deviceName?: string; now: number; client?: ClientOptions },
): Promise<LoginResult> {
  // An earlier sign-out the server has not heard of goes first, to its own server; if it fails it stays queued.
  await sendSignOuts(db, tokens, { now: () => options.now, force: true, client: options.client });
  const client = new ServerClient(server, options.client);
  try {
    let code = options.code;
    let sessionId = options.sessionId;
    if (!code) {
      const started = await client.startVerification(e164);
      if (!started.devCode) {
        const pending: PendingVerification = {
          server: client.baseUrl,
          e164,
          sessionId: started.sessionId,
          expiresAt: options.now + started.expiresInSeconds * 1000,
        };
        setSetting(db, 'pending_verification', JSON.stringify(pending));
        return { status: 'code_sent' };
      }
      code = started.devCode;
      sessionId = started.sessionId;
    }
    sessionId ??= pendingSessionFor(db, client.baseUrl, e164, options.now);
    const session = await client.verify(sessionId, code, options.deviceName);
    const previous = { server: getSetting(db, 'server_url'), userId: getSetting(db, 'user_id') };
    db.transaction(() => {
      if (previous.server !== client.baseUrl || previous.userId !== String(session.userId)) {
        resetSyncState(db, options.now);
      }
      setSetting(db, 'server_url', client.baseUrl);
      setSetting(db, 'user_id', String(session.userId));
      setSetting(db, 'device_id', String(session.deviceId));
      setSetting(db, 'pending_verification', null);
      tokens.write(session.token);
    })();
    // The verified number is the user's own: its country becomes the default region unless it already is.
    if (getSetting(db, 'own_number') !== session.e164) applyRegionChoice(db, { me: session.e164 });
    return { status: 'signed_in', userId: session.userId, newAccount: session.newAccount };
  } finally {
    client.close();
  }
}

/** The stored session for this server and number; an expired one is forgotten. */
function pendingSessionFor(db: Db, server: string, e164: string, now: number): string {
  const pending = pendingVerification(db);
  if (pending && pending.expiresAt <= now) setSetting(db, 'pending_verification', null);
  if (!pending || pending.server !== server || pending.e164 !== e164 || pending.expiresAt <= now) {
    throw new SyncError('rejected', t('sync.noCodePending', { number: e164, server }));
  }
  return pending.sessionId;
}

export interface LogoutResult {
  /** Every server concerned confirmed: this session's and any earlier sign-out still pending. */
  confirmed: boolean;
  /** Why a server could not be told; those sign-outs stay queued and are sent on the next contact. */
  failures: Array<{ server: string; message: string }>;
}

/**
 * Forgets the token at once and tells the server. The sign-out is queued in the same transaction that forgets the
 * token, so a server that cannot be reached (or a crash) leaves it to be sent later, never lost.
 */
export async function logout(
  db: Db,
  tokens: TokenStore,
  options: { now?: () => number; client?: ClientOptions } = {},
): Promise<LogoutResult> {
  const now = options.now ?? Date.now;
  db.transaction(() => {
    const server = getSetting(db, 'server_url');
    const token = tokens.read();
    if (server && token) queueSignOut(db, tokens, server, token, now());
    tokens.write(null);
    // The session's sync failures end with it.
    setSetting(db, 'last_error', null);
    setSetting(db, 'connectivity', null);
  })();
  const round = await sendSignOuts(db, tokens, { now, force: true, client: options.client });
  return {
    confirmed: pendingSignOuts(db).length === 0,
    failures: round.failures.map((f) => ({ server: f.server, message: f.error.message })),
  };
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
      ).run(now, t('sync.upload.deleted', { count: deleted }));
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
