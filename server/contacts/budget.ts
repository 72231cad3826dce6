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

/** When the bucket is full again (never, as the largest safe integer, when nothing refills). */
export function fullAt(bucket: Bucket, config: BudgetConfig): number {
  if (bucket.tokens >= config.capacity) return bucket.at;
  if (config.refillPerHour <= 0) return Number.MAX_SAFE_INTEGER;
  return bucket.at + Math.ceil(((config.capacity - bucket.tokens) / config.refillPerHour) * 3_600_000);
}

/** Seconds until `needed` tokens are available, or Infinity when the bucket can never hold that many. */
export function secondsUntil(available: number, needed: number, config: BudgetConfig): number {
  if (needed > config.capacity || config.refillPerHour <= 0) return Infinity;
  return ((needed - available) / config.refillPerHour) * 3600;
}
