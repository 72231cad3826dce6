import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config.ts';

describe('configFromEnv', () => {
  it('sizes the database pool from the cores unless KITH_DB_POOL says otherwise', () => {
    expect(configFromEnv({}).dbPool).toBe(2 * availableParallelism() + 1);
    expect(configFromEnv({ KITH_DB_POOL: '3' }).dbPool).toBe(3);
  });

  it.each(['0', '1001', '2.5', 'many'])('refuses KITH_DB_POOL=%s, naming the variable', (value) => {
    expect(() => configFromEnv({ KITH_DB_POOL: value })).toThrow(ConfigError);
    expect(() => configFromEnv({ KITH_DB_POOL: value })).toThrow(`KITH_DB_POOL=${value}`);
  });
});
