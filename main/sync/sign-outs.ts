/**
 * Sign-outs the server has not confirmed. Signing out drops the live token at once; the ended session's token waits
 * in `pending_sign_outs` (sealed by the TokenStore, as the live one is) until its server accepts `POST /v1/logout`,
 * or answers 401 because the session is already gone. An unreachable or failing server is tried again with backoff.
 * Each row names its own server, so a later sign-in, to the same server or another, neither loses nor reuses it.
 */
import type { Db } from '../store/open.ts';
import { DEFAULT_BACKOFF, retryDelay, type BackoffOptions } from './backoff.ts';
import { ServerClient, type ClientOptions } from './client.ts';
import { SyncError } from './errors.ts';
import { logActivity } from './history.ts';
import type { TokenStore } from './session.ts';

/** A sign-out still to be sent; never its token, which stays in the store. */
export interface PendingSignOut {
  id: number;
  server: string;
  since: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

export interface SignOutFailure {
  id: number;
  server: string;
  error: SyncError;
}

export interface SignOutRound {
  /** The servers that confirmed a sign-out in this round. */
  confirmed: string[];
  /** Sign-outs that stay queued. */
  failures: SignOutFailure[];
}

export interface SendOptions {
  now: () => number;
  /** Also those still waiting out their backoff (a user's command, or the server just came back). */
  force?: boolean;
  backoff?: BackoffOptions;
  random?: () => number;
  client?: ClientOptions;
}

/** Queues the ended session's sign-out; call it in the transaction that forgets the live token. */
export function queueSignOut(db: Db, tokens: TokenStore, server: string, token: string, now: number): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO pending_sign_outs (server, token, created_at) VALUES (?, ?, ?)')
    .run(server, tokens.seal(token), now);
  return Number(lastInsertRowid);
}

export function pendingSignOuts(db: Db): PendingSignOut[] {
  return db
    .prepare(
      `SELECT id, server, created_at AS since, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError
       FROM pending_sign_outs ORDER BY id`,
    )
    .all() as PendingSignOut[];
}

/** When the earliest pending sign-out may be tried again, or null with none pending. */
export function nextSignOutAt(db: Db): number | null {
  return db.prepare('SELECT min(next_attempt_at) FROM pending_sign_outs').pluck().get() as number | null;
}

/** Sends every due sign-out, each to its own server, side by side. */
export async function sendSignOuts(db: Db, tokens: TokenStore, options: SendOptions): Promise<SignOutRound> {
  const rows = db
    .prepare('SELECT id, server, token, attempts FROM pending_sign_outs WHERE next_attempt_at <= ? ORDER BY id')
    .all(options.force ? Number.MAX_SAFE_INTEGER : options.now()) as Array<{
    id: number;
    server: string;
    token: string;
    attempts: number;
  }>;
  const round: SignOutRound = { confirmed: [], failures: [] };
  await Promise.all(
    rows.map(async (row) => {
      const token = tokens.unseal(row.token);
      if (token === null) {
        // Nothing can authenticate this sign-out any more; keeping it would retry forever.
        forget(db, row.id);
        logActivity(db, options.now(), 'error', { id: 'activity.signOutUnreadable', values: { server: row.server } });
        return;
      }
      const client = new ServerClient(row.server, { ...options.client, token });
      try {
        await client.logout();
        forget(db, row.id);
        round.confirmed.push(row.server);
      } catch (err) {
        if (!(err instanceof SyncError)) throw err;
        // 401: the session had already ended (signed out elsewhere, account deleted): nothing left to do.
        if (err.kind === 'unauthorized') {
          forget(db, row.id);
          round.confirmed.push(row.server);
          return;
        }
        const delay = retryDelay(err, row.attempts, options.backoff ?? DEFAULT_BACKOFF, options.random);
        db.prepare(
          'UPDATE pending_sign_outs SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
        ).run(options.now() + delay, `${err.kind}: ${err.message}`, row.id);
        round.failures.push({ id: row.id, server: row.server, error: err });
      } finally {
        client.close();
      }
    }),
  );
  return round;
}

function forget(db: Db, id: number): void {
  db.prepare('DELETE FROM pending_sign_outs WHERE id = ?').run(id);
}
