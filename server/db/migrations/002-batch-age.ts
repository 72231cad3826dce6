/** Version 2: batches by age, for pruning the stored answers once they are past keeping. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('upload_batches_created').on('upload_batches').column('created_at').execute();
}
