/** Server configuration, read from the environment once at start. */
import { createHash, createSecretKey } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { parseSecret, SecretError, type ServerSecret } from './secret.ts';

export interface BudgetConfig {
  /** New numbers an account may upload at once; Signal's contact discovery allows 50,000. */
  capacity: number;
  /** New numbers regained per hour after that. */
  refillPerHour: number;
}

export interface LimitConfig {
  /** Codes sent to one number per hour from all requesters together: a guard against text floods. */
  startsPerNumberPerHour: number;
  /** Codes sent to one number per hour from one requester, so that no one requester can use up the total. */
  startsPerNumberPerIpPerHour: number;
  startsPerIpPerHour: number;
  attemptsPerCode: number;
  attemptsPerIpPerHour: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl: string;
  dev: boolean;
  /** The server secret given directly (KITH_SECRET); when null it is read from, or created in, `secretFile`. */
  secret: ServerSecret | null;
  secretFile: string;
  smsWebhookUrl: string | null;
  smsWebhookSecret: string | null;
  budget: BudgetConfig;
  limits: LimitConfig;
  codeTtlSeconds: number;
  reconcileAfterSeconds: number;
  /** How long a batch's answer is kept for replays; a resend after that is applied again, to the same effect. */
  batchRetentionDays: number;
  /** A session unused this long stops working and is deleted; its device signs in again. */
  sessionIdleDays: number;
  logLevel: string;
  /** Behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * On PostgreSQL and MySQL, how often each process asks the database for events and sign-outs of other processes
   * sharing it, for its open streams; 0 turns this off (one process only).
   */
  relayMs: number;
  /** Connections each process may open to PostgreSQL or MySQL (SQLite has one). */
  dbPool: number;
}

/** The unit of the retention settings. */
export const DAY_MS = 86_400_000;

export const DEFAULT_BUDGET: BudgetConfig = { capacity: 50_000, refillPerHour: 6 };
export const DEFAULT_LIMITS: LimitConfig = {
  startsPerNumberPerHour: 30,
  startsPerNumberPerIpPerHour: 3,
  startsPerIpPerHour: 30,
  attemptsPerCode: 5,
  attemptsPerIpPerHour: 60,
};

export class ConfigError extends Error {}

/**
 * Twice the cores, plus one: a database does no more work at once than it has cores, and transactions waiting their
 * turn in the pool cost less than ones contending for locks and CPU inside it. On two cores, 5 connections took new
 * numbers 40 % faster than 16 on PostgreSQL, and numbers already held 10–20 % faster; on MariaDB, new numbers 8 %
 * faster and held ones about 10 % slower. The cores counted are this machine's: with the database elsewhere, set
 * KITH_DB_POOL from its cores.
 */
export function defaultPool(): number {
  return 2 * availableParallelism() + 1;
}

function dataFolder(): string {
  return envPaths('kith-server', { suffix: '' }).data;
}

export function defaultDatabaseUrl(): string {
  return `sqlite:${join(dataFolder(), 'kith-server.sqlite')}`;
}

export function defaultSecretFile(): string {
  return join(dataFolder(), 'secret.key');
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env.KITH_HOST || '127.0.0.1',
    port: int(env, 'KITH_PORT', 8787, 0, 65535),
    databaseUrl: env.DATABASE_URL || defaultDatabaseUrl(),
    dev: env.KITH_DEV === '1' || env.KITH_DEV === 'true',
    secret: env.KITH_SECRET ? secretFromEnv(env.KITH_SECRET) : null,
    secretFile: env.KITH_SECRET_FILE || defaultSecretFile(),
    smsWebhookUrl: env.KITH_SMS_WEBHOOK_URL || null,
    smsWebhookSecret: env.KITH_SMS_WEBHOOK_SECRET || null,
    budget: {
      capacity: int(env, 'KITH_BUDGET_CAPACITY', DEFAULT_BUDGET.capacity, 1, 10_000_000),
      refillPerHour: num(env, 'KITH_BUDGET_REFILL_PER_HOUR', DEFAULT_BUDGET.refillPerHour),
    },
    limits: {
      startsPerNumberPerHour: int(env, 'KITH_LIMIT_STARTS_PER_NUMBER', DEFAULT_LIMITS.startsPerNumberPerHour, 1, 1e6),
      startsPerNumberPerIpPerHour: int(
        env,
        'KITH_LIMIT_STARTS_PER_NUMBER_PER_IP',
        DEFAULT_LIMITS.startsPerNumberPerIpPerHour,
        1,
        1e6,
      ),
      startsPerIpPerHour: int(env, 'KITH_LIMIT_STARTS_PER_IP', DEFAULT_LIMITS.startsPerIpPerHour, 1, 1e6),
      attemptsPerCode: int(env, 'KITH_LIMIT_ATTEMPTS_PER_CODE', DEFAULT_LIMITS.attemptsPerCode, 1, 100),
      attemptsPerIpPerHour: int(env, 'KITH_LIMIT_ATTEMPTS_PER_IP', DEFAULT_LIMITS.attemptsPerIpPerHour, 1, 1e6),
    },
    codeTtlSeconds: 300,
    reconcileAfterSeconds: int(env, 'KITH_RECONCILE_SECONDS', 86_400, 60, 30 * 86_400),
    batchRetentionDays: int(env, 'KITH_BATCH_RETENTION_DAYS', 30, 1, 3650),
    sessionIdleDays: int(env, 'KITH_SESSION_IDLE_DAYS', 180, 1, 36_500),
    logLevel: env.KITH_LOG_LEVEL || 'info',
    trustProxy: env.KITH_TRUST_PROXY === '1' || env.KITH_TRUST_PROXY === 'true',
    relayMs: int(env, 'KITH_RELAY_MS', 1000, 0, 3_600_000),
    dbPool: int(env, 'KITH_DB_POOL', defaultPool(), 1, 1000),
  };
}

/**
 * A config for tests and embedding: dev mode, generous limits unless overridden. Its secret is derived from the
 * database URL, so a server started again on the same database keeps it; that is no secret at all, so this is for
 * throwaway databases only.
 */
export function testConfig(databaseUrl: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...configFromEnv({}),
    port: 0,
    databaseUrl,
    dev: true,
    secret: createSecretKey(createHash('sha256').update(`kith-test-secret:${databaseUrl}`).digest()),
    logLevel: 'silent',
    ...overrides,
  };
}

function secretFromEnv(raw: string): ServerSecret {
  try {
    return parseSecret(raw, 'KITH_SECRET');
  } catch (err) {
    throw err instanceof SecretError ? new ConfigError(err.message) : err;
  }
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
  }
  return value;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${name}=${raw}: expected a number ≥ 0`);
  return value;
}
