/** Version 3: sessions by when they were last used, for ending the ones left idle. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sessions_last_seen').on('sessions').column('last_seen_at').execute();
}
