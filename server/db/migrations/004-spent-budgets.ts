/** Version 4: the part-spent budgets of deleted accounts, so that deleting and registering again refills nothing. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('spent_budgets')
    .addColumn('number_hash', 'char(64)', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('full_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spent_budgets_full').on('spent_budgets').column('full_at').execute();
}
