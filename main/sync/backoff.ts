/** Exponential backoff with full jitter: a random delay up to base·2^attempt, capped. */
import type { SyncError } from './errors.ts';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 5 * 60_000 };

export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  // Never less than half the ceiling, so a run of failures really does slow down.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** How long a request that failed this way waits: the server's Retry-After after a 429, else the backoff. */
export function retryDelay(
  err: SyncError,
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  return err.kind === 'rate_limited' ? (err.retryAfterMs ?? 60_000) : backoffDelay(attempt, options, random);
}
