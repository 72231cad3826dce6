/**
 * The server benchmark's data, as formulas that the seed (in SQL), the load generator and the floor share.
 * Number x maps to 447400000000 + (x·48271 + 7) mod 10^8: injective for x < 10^8, so x < 1,000,000 are the
 * registered users (user id x + 1) and larger x are unregistered numbers that never collide with them.
 */
import { hashToken } from '../server/auth/tokens.ts';

export const USERS = Number(process.env.KITH_BENCH_USERS ?? 1_000_000);
export const BOOKS = Number(process.env.KITH_BENCH_BOOKS ?? 10_000);
export const BOOK_SIZE = 300;
/** Slots 1…REGISTERED_SLOTS-1 of a book hold registered numbers, the rest (after slot 0) unregistered ones. */
export const REGISTERED_SLOTS = 120;
export const BATCH = 1000;
/** Per batch: registered numbers, numbers other books already hold, and numbers no one holds yet. */
export const BATCH_MIX = { registered: 300, shared: 350, fresh: 350 } as const;

const BASE = 447_400_000_000;
const SPAN = 100_000_000;
const STEP = 48_271;
/** The unregistered number that every book holds: its join fans out to all of them. */
export const JOINER_INDEX = 1_000_000;
/** Unregistered numbers that books share: indexes SHARED_FROM … SHARED_FROM + SHARED_POOL - 1. */
export const SHARED_FROM = JOINER_INDEX + 1;
export const SHARED_POOL = 2_000_000;
/** Unregistered numbers that only benchmark batches use, never the seed. */
const FRESH_FROM = SHARED_FROM + SHARED_POOL;

/** The stored form (E.164 digits) of number x. */
export function stored(x: number): number {
  return BASE + ((x * STEP + 7) % SPAN);
}

/** The same formula as SQL over an integer expression. */
export function storedSql(x: string): string {
  return `(${BASE} + ((${x}) * ${STEP} + 7) % ${SPAN})`;
}

/** Every 50th user has hidden from discovery. */
export function discoverable(userIndex: number): boolean {
  return userIndex % 50 !== 49;
}

export const JOINER = `+${stored(JOINER_INDEX)}`;

/** Number x of book slot s of owner k (owners are user ids 1…BOOKS), as index expressions. */
export function bookSlotIndex(k: number, s: number): number {
  if (s === 0) return JOINER_INDEX;
  if (s < REGISTERED_SLOTS) return (k * 7919 + s * 104_729) % USERS;
  return SHARED_FROM + ((k * 31 + s * 7919) % SHARED_POOL);
}

/** bookSlotIndex as SQL over integer columns k and s. */
export function bookSlotSql(k: string, s: string): string {
  return `case when ${s} = 0 then ${JOINER_INDEX}
    when ${s} < ${REGISTERED_SLOTS} then (${k} * 7919 + ${s} * 104729) % ${USERS}
    else ${SHARED_FROM} + (${k} * 31 + ${s} * 7919) % ${SHARED_POOL} end`;
}

export function book(k: number): string[] {
  return Array.from({ length: BOOK_SIZE }, (_, s) => `+${stored(bookSlotIndex(k, s))}`);
}

/** A bearer token for user id `id`, so that the seed can store its hash and the client can present it. */
export function tokenFor(id: number): string {
  return `kithbench_${String(id).padStart(12, '0')}`;
}

export function tokenHashFor(id: number): string {
  return hashToken(tokenFor(id));
}

/**
 * The add list of request q, sent by owner q + 1: numbers that owner does not hold yet, mixing registered
 * users, unregistered numbers other books hold, and numbers no one holds.
 */
export function batchFor(q: number): string[] {
  const owner = q + 1;
  const held = new Set(book(owner));
  const out: string[] = [];
  const take = (count: number, index: (t: number) => number) => {
    for (let t = 0, n = 0; n < count; t++) {
      const e164 = `+${stored(index(t))}`;
      if (!held.has(e164)) {
        out.push(e164);
        n++;
      }
    }
  };
  take(BATCH_MIX.registered, (t) => (q * 1_000_003 + t * 7 + 500_000) % USERS);
  take(BATCH_MIX.shared, (t) => SHARED_FROM + ((q * 101 + t * 13) % SHARED_POOL));
  take(BATCH_MIX.fresh, (t) => FRESH_FROM + q * BATCH_MIX.fresh + t);
  // Interleave deterministically, as an address book would not arrive grouped by kind.
  for (let i = out.length - 1; i > 0; i--) {
    const j = (i * 2_654_435_761 + q) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
