/** Exponential backoff with full jitter: a random delay up to base·2^attempt, capped. */
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
