/**
 * Version 7: verification sessions. A code belongs to the session that asked for it, not to the number, so a start
 * by somebody else neither replaces nor spends it. The per-number row of codes goes: the hourly counts per number
 * now live in `address_windows` (kinds `number` and `number-address`). Codes pending at the upgrade are dropped;
 * their owners ask again.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('verifications').execute();
  // varchar, not char: PostgreSQL's char compares without trailing spaces, and none of these is padded.
  await db.schema
    .createTable('verification_sessions')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('e164', 'bigint', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('salt', 'varchar(32)', (c) => c.notNull())
    .addColumn('attempts_left', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('verification_sessions_expiry')
    .on('verification_sessions')
    .column('expires_at')
    .execute();
  await db.schema.createIndex('verification_sessions_e164').on('verification_sessions').column('e164').execute();
}
