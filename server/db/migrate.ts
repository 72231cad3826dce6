/** Runs the numbered migrations with Kysely's migrator; the same files serve all three dialects. */
import { Migrator, type Migration } from 'kysely/migration';
import type { Kysely } from 'kysely';
import * as m001 from './migrations/001-initial.ts';
import * as m002 from './migrations/002-batch-age.ts';
import * as m003 from './migrations/003-session-age.ts';
import * as m004 from './migrations/004-spent-budgets.ts';
import * as m005 from './migrations/005-address-windows.ts';
import * as m006 from './migrations/006-binary-collation.ts';
import * as m007 from './migrations/007-verification-sessions.ts';
import * as m008 from './migrations/008-keyed-hashes.ts';
import type { Database, DialectName } from './schema.ts';
import type { ServerSecret } from '../secret.ts';

/** To the latest version, or to `target` (a migration's name) when given. */
export async function migrate(
  db: Kysely<Database>,
  dialect: DialectName,
  secret: ServerSecret,
  target?: string,
): Promise<string[]> {
  const migrations: Record<string, Migration> = {
    '001-initial': { up: (d) => m001.up(d, dialect) },
    '002-batch-age': { up: (d) => m002.up(d) },
    '003-session-age': { up: (d) => m003.up(d) },
    '004-spent-budgets': { up: (d) => m004.up(d) },
    '005-address-windows': { up: (d) => m005.up(d) },
    '006-binary-collation': { up: (d) => m006.up(d, dialect) },
    '007-verification-sessions': { up: (d) => m007.up(d, dialect) },
    '008-keyed-hashes': { up: (d) => m008.up(d, dialect, secret) },
  };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await (target ? migrator.migrateTo(target) : migrator.migrateToLatest());
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
