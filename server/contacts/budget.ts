/** A token bucket per account for numbers it has not uploaded before: the brake on probing who is registered. */
import type { BudgetConfig } from '../config.ts';

export interface Bucket {
  tokens: number;
  at: number;
}

export function refill(bucket: Bucket, config: BudgetConfig, now: number): number {
  const hours = Math.max(0, now - bucket.at) / 3_600_000;
  return Math.min(config.capacity, bucket.tokens + hours * config.refillPerHour);
}

/** Seconds until `needed` tokens are available, or Infinity when the bucket can never hold that many. */
export function secondsUntil(available: number, needed: number, config: BudgetConfig): number {
  if (needed > config.capacity || config.refillPerHour <= 0) return Infinity;
  return ((needed - available) / config.refillPerHour) * 3600;
}
