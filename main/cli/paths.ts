import envPaths from 'env-paths';
import { join } from 'node:path';

/** `--db`, else `KITH_DB`, else the per-user data directory. */
export function resolveDbPath(flag: string | undefined): string {
  if (flag) return flag;
  if (process.env.KITH_DB) return process.env.KITH_DB;
  return join(envPaths('kith', { suffix: '' }).data, 'kith.db');
}

/** The store a command line points at, for naming it in an error: `--db PATH` or `--db=PATH`, else the default. */
export function storePathOf(argv: readonly string[]): string {
  let flag: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--db') flag = argv[i + 1];
    else if (arg.startsWith('--db=')) flag = arg.slice('--db='.length);
  });
  return resolveDbPath(flag);
}
