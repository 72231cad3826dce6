/** Version 1: accounts, sessions, verification codes, the uploaded sets with their reverse index, batches, inboxes. */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // Ids are never reused (AUTOINCREMENT, identity, auto_increment), so an event id is a safe cursor.
  const idColumn = (t: string) =>
    dialect === 'postgres'
      ? db.schema.createTable(t).addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      : db.schema
          .createTable(t)
          .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.primaryKey().autoIncrement());
  const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;

  await idColumn('users')
    .addColumn('e164', 'bigint', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('discoverable', 'smallint', (c) => c.notNull().defaultTo(1))
    .addColumn('set_hash', 'char(64)', (c) => c.notNull())
    .addColumn('contact_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('budget_tokens', 'double precision', (c) => c.notNull())
    .addColumn('budget_at', 'bigint', (c) => c.notNull())
    .execute();

  await idColumn('sessions')
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
    .addColumn('device_name', 'varchar(100)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('acked_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('verifications')
    .addColumn('e164', 'bigint', (c) => c.primaryKey())
    .addColumn('code_hash', 'char(64)')
    .addColumn('salt', 'char(32)')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts_left', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('window_starts', 'integer', (c) => c.notNull())
    .execute();

  // The forward set, keyed by owner; (e164, owner_id) is the reverse index that joins fan out through.
  await db.schema
    .createTable('contacts')
    .addColumn('owner_id', 'bigint', (c) => c.notNull())
    .addColumn('e164', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contacts_pk', ['owner_id', 'e164'])
    .modifyEnd(withoutRowid)
    .execute();
  await db.schema.createIndex('contacts_e164').on('contacts').columns(['e164', 'owner_id']).execute();

  await db.schema
    .createTable('upload_batches')
    .addColumn('owner_id', 'bigint', (c) => c.notNull())
    .addColumn('batch_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('request_hash', 'char(64)', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_batches_pk', ['owner_id', 'batch_id'])
    .execute();

  await idColumn('events')
    .addColumn('recipient_id', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('subject_user_id', 'bigint', (c) => c.notNull())
    .addColumn('e164', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_inbox').on('events').columns(['recipient_id', 'id']).execute();
  await db.schema.createIndex('events_subject').on('events').column('subject_user_id').execute();

  // One row per named lock, for dialects with row locks (joins take it exclusively, uploads shared).
  await db.schema
    .createTable('locks')
    .addColumn('name', 'varchar(32)', (c) => c.primaryKey())
    .execute();
  await db.insertInto('locks').values({ name: 'joins' }).execute();
}
