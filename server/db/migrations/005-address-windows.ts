/** Version 5: the hourly per-address limits, in the database so that every process counts the same hits. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('address_windows')
    .addColumn('address_hash', 'char(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('address_windows_pk', ['address_hash', 'kind'])
    .execute();
  await db.schema.createIndex('address_windows_start').on('address_windows').column('window_start').execute();
}
