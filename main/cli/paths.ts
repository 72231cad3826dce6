import envPaths from 'env-paths';
import { join } from 'node:path';

/** `--db`, else `KITH_DB`, else the per-user data directory. */
export function resolveDbPath(flag: string | undefined): string {
  if (flag) return flag;
  if (process.env.KITH_DB) return process.env.KITH_DB;
  return join(envPaths('kith', { suffix: '' }).data, 'kith.db');
}
