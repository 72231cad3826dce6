/**
 * Seeds a migrated server database with set-based SQL: USERS registered users and BOOKS address books of
 * BOOK_SIZE numbers (owned by user ids 1…BOOKS), plus one session with a known token for each of the first
 * `sessions` owners. Every row is what the server itself would have written (valid set hashes and budgets).
 */
import { sql } from 'kysely';
import { EMPTY_SET_HASH, setHash } from '../protocol/set-hash.ts';
import { DEFAULT_BUDGET } from '../server/config.ts';
import type { Connection } from '../server/db/connect.ts';
import type { DialectName } from '../server/db/schema.ts';
import {
  book,
  BOOK_SIZE,
  BOOKS,
  bookSlotSql,
  discoverable,
  stored,
  storedSql,
  tokenHashFor,
  USERS,
} from './server-data.ts';

const CHUNK = 1000;
/** The (e164, owner_id) index that joins fan out through, as migration 001 creates it. */
const REVERSE_INDEX = 'contacts_e164';

/** The set hash of every owner's book, index k - 1 for owner k (3,000,000 SHA-256s: compute once per run). */
export function ownerHashes(): string[] {
  return Array.from({ length: BOOKS }, (_, i) => setHash(book(i + 1)));
}

/** Integers from…to as a derived table `alias` with one BIGINT column `i`. */
function series(dialect: DialectName, from: number, to: number, alias: string): string {
  switch (dialect) {
    case 'postgres':
      return `generate_series(${from}::bigint, ${to}::bigint) as ${alias}(i)`;
    case 'mysql':
      // MariaDB's built-in SEQUENCE engine.
      return `(select seq as i from seq_${from}_to_${to}) as ${alias}`;
    case 'sqlite':
      return `(with recursive r(i) as (select ${from} union all select i + 1 from r where i < ${to}) select i from r) as ${alias}`;
  }
}

export interface SeedReport {
  users: number;
  contacts: number;
  sessions: number;
  seconds: number;
  phases: Record<string, number>;
}

export async function seed(
  { db, dialect }: Connection,
  hashes: readonly string[],
  sessions: number,
  now: number,
): Promise<SeedReport> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const lap = () => {
    const t = performance.now();
    const seconds = Number(((t - mark) / 1000).toFixed(1));
    mark = t;
    return seconds;
  };
  const capacity = DEFAULT_BUDGET.capacity;
  await db.connection().execute(async (c) => {
    const run = (text: string) => sql.raw(text).execute(c);
    if (dialect === 'sqlite') await run('pragma synchronous = off');
    if (dialect === 'postgres') {
      await run('set synchronous_commit = off');
      await run(`set maintenance_work_mem = '256MB'`);
    }
    if (dialect === 'mysql') await run('set unique_checks = 0');

    // PostgreSQL refuses explicit values for an identity column unless told to override it.
    const override = dialect === 'postgres' ? 'overriding system value' : '';
    // The owners, with the hashes of their books; then every other user, set-based.
    for (let k0 = 1; k0 <= BOOKS; k0 += CHUNK) {
      const rows = [];
      for (let k = k0; k < Math.min(k0 + CHUNK, BOOKS + 1); k++) {
        rows.push({
          id: k,
          e164: stored(k - 1),
          created_at: now,
          discoverable: discoverable(k - 1) ? 1 : 0,
          set_hash: hashes[k - 1]!,
          contact_count: BOOK_SIZE,
          budget_tokens: capacity - BOOK_SIZE,
          budget_at: now,
        });
      }
      await sql`insert into users (id, e164, created_at, discoverable, set_hash, contact_count, budget_tokens, budget_at)
        ${sql.raw(override)} values ${sql.join(rows.map((r) => sql`(${sql.join(Object.values(r))})`))}`.execute(c);
    }
    await run(`insert into users (id, e164, created_at, discoverable, set_hash, contact_count, budget_tokens, budget_at)
      ${override}
      select i + 1, ${storedSql('i')}, ${now}, case when i % 50 = 49 then 0 else 1 end, '${EMPTY_SET_HASH}', 0,
        ${capacity}, ${now}
      from ${series(dialect, BOOKS, USERS - 1, 'g')}`);
    if (dialect === 'postgres') {
      await run(`select setval(pg_get_serial_sequence('users', 'id'), (select max(id) from users))`);
    }

    phases.users_s = lap();

    // The books: slot 0 is the joiner, then registered numbers, then unregistered ones other books share.
    // The reverse index is built once afterwards, as the migration defines it, rather than row by row.
    await c.schema
      .dropIndex(REVERSE_INDEX)
      .$call((q) => (dialect === 'mysql' ? q.on('contacts') : q))
      .execute();
    for (let k0 = 1; k0 <= BOOKS; k0 += CHUNK) {
      const k1 = Math.min(k0 + CHUNK - 1, BOOKS);
      await run(`insert into contacts (owner_id, e164)
        select k.i, ${storedSql(bookSlotSql('k.i', 's.i'))}
        from ${series(dialect, k0, k1, 'k')} cross join ${series(dialect, 0, BOOK_SIZE - 1, 's')}`);
    }
    phases.contacts_s = lap();
    await c.schema.createIndex(REVERSE_INDEX).on('contacts').columns(['e164', 'owner_id']).execute();
    phases.reverse_index_s = lap();

    for (let id0 = 1; id0 <= sessions; id0 += CHUNK) {
      const rows = [];
      for (let id = id0; id < Math.min(id0 + CHUNK, sessions + 1); id++) {
        rows.push({
          user_id: id,
          token_hash: tokenHashFor(id),
          device_name: 'bench',
          created_at: now,
          last_seen_at: now,
          acked_event_id: 0,
        });
      }
      await c.insertInto('sessions').values(rows).execute();
    }

    phases.sessions_s = lap();
    if (dialect === 'postgres') await run('vacuum (analyze) users, contacts, sessions');
    if (dialect === 'mysql') await run('analyze table users, contacts, sessions');
    if (dialect === 'sqlite') await run('pragma wal_checkpoint(truncate)');
    phases.finish_s = lap();
  });
  return {
    users: USERS,
    contacts: BOOKS * BOOK_SIZE,
    sessions,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    phases,
  };
}
