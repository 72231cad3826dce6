/**
 * Fixed one-hour windows per client address, counted in the database: every process on it counts the same hits,
 * and a restart forgets none. An address is stored only as a hash keyed with the server secret (see secret.ts), and
 * only until its window has ended (pruning deletes it then). The per-number limits count here too (see AddressKind).
 */
import type { ExpressionBuilder, OnConflictDatabase } from 'kysely';
import type { Connection } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { keyedHash, type ServerSecret } from '../secret.ts';

/**
 * Per address: `starts` (codes asked for) and `attempts` (guesses). Per number: `number` (codes sent to it in all)
 * and `number-address` (codes sent to it for one address), whose key is the number, or the number and the address.
 */
export type AddressKind = 'starts' | 'attempts' | 'number' | 'number-address';

export const ADDRESS_WINDOW_MS = 3_600_000;

export class AddressLimiter {
  private readonly conn: Connection;
  private readonly kind: AddressKind;
  private readonly limit: number;
  private readonly secret: ServerSecret;

  constructor(conn: Connection, kind: AddressKind, limit: number, secret: ServerSecret) {
    this.conn = conn;
    this.kind = kind;
    this.limit = limit;
    this.secret = secret;
  }

  /** Counts one hit; returns the seconds to wait when over the limit, else 0. */
  async hit(address: string, now: number): Promise<number> {
    const { db, dialect } = this.conn;
    const key = { address_hash: hashAddress(this.secret, address), kind: this.kind };
    const ended = now - ADDRESS_WINDOW_MS;
    const row = await db.transaction().execute(async (trx) => {
      // One statement that counts the hit, starting a new window if the stored one has ended: concurrent hits
      // queue on the row's lock rather than each reading the old count. `hits` comes first because MySQL applies
      // SET left to right, so it must read window_start before that changes.
      const counted = (eb: ExpressionBuilder<OnConflictDatabase<Database, 'address_windows'>, 'address_windows'>) => ({
        hits: eb
          .case()
          .when('address_windows.window_start', '<=', ended)
          .then(1)
          .else(eb('address_windows.hits', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('address_windows.window_start', '<=', ended)
          .then(now)
          .else(eb.ref('address_windows.window_start'))
          .end(),
      });
      const insert = trx.insertInto('address_windows').values({ ...key, window_start: now, hits: 1 });
      await (
        dialect === 'mysql'
          ? insert.onDuplicateKeyUpdate(counted)
          : insert.onConflict((oc) => oc.columns(['address_hash', 'kind']).doUpdateSet(counted))
      ).execute();
      return trx
        .selectFrom('address_windows')
        .select(['window_start', 'hits'])
        .where('address_hash', '=', key.address_hash)
        .where('kind', '=', key.kind)
        .executeTakeFirstOrThrow();
    });
    const hits = Number(row.hits);
    return hits > this.limit ? (Number(row.window_start) + ADDRESS_WINDOW_MS - now) / 1000 : 0;
  }
}

/** How a client address is stored: client addresses are few enough to try them all against an unkeyed hash. */
export function hashAddress(secret: ServerSecret, address: string): string {
  return keyedHash(secret, 'kith-address', address);
}
