/**
 * Fixed one-hour windows per client address, in memory. Per-number limits live in the database; these only
 * slow one address down, and reset with the process (several instances would share them through Redis).
 */
export class WindowLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(limit: number, windowMs = 3_600_000) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Counts one hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number {
    let entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      if (this.hits.size > 100_000) this.sweep(now);
      entry = { start: now, count: 0 };
      this.hits.set(key, entry);
    }
    entry.count++;
    return entry.count > this.limit ? (entry.start + this.windowMs - now) / 1000 : 0;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.hits) if (now - entry.start >= this.windowMs) this.hits.delete(key);
  }
}
