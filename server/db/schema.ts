/**
 * Table types for Kysely. Phone numbers are stored as BIGINT: the digits of the E.164 form without the `+`
 * (at most 15 digits, so always a safe JavaScript integer), which keeps the reverse index small and fast.
 * Times are milliseconds since the epoch; flags are 0/1 so that the three dialects agree.
 */
import type { Generated } from 'kysely';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';

export interface UsersTable {
  id: Generated<number>;
  e164: number;
  created_at: number;
  discoverable: number;
  /** XOR of SHA-256 over the uploaded set, kept up to date by every batch. */
  set_hash: string;
  contact_count: number;
  budget_tokens: number;
  budget_at: number;
}

export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  device_name: string | null;
  created_at: number;
  last_seen_at: number;
  acked_event_id: number;
}

/**
 * One start of verification: found by the SHA-256 of its id, which only the requester was given. The row is
 * deleted when its code is spent, and by pruning once it has expired.
 */
export interface VerificationSessionsTable {
  id_hash: string;
  e164: number;
  code_hash: string;
  salt: string;
  attempts_left: number;
  expires_at: number;
  created_at: number;
}

export interface ContactsTable {
  owner_id: number;
  e164: number;
}

export interface UploadBatchesTable {
  owner_id: number;
  batch_id: string;
  request_hash: string;
  response: string;
  created_at: number;
}

export interface EventsTable {
  id: Generated<number>;
  recipient_id: number;
  type: string;
  subject_user_id: number;
  e164: number;
  created_at: number;
}

/** A deleted account's budget, by a hash of its number, until it would have refilled (`full_at`). */
export interface SpentBudgetsTable {
  number_hash: string;
  tokens: number;
  at: number;
  full_at: number;
}

/**
 * Hits of one kind within the hour from `window_start`, by a keyed hash of what they are counted by: a client
 * address (`starts`, `attempts`), a number (`number`), or a number and an address (`number-address`).
 */
export interface AddressWindowsTable {
  address_hash: string;
  kind: string;
  window_start: number;
  hits: number;
}

export interface LocksTable {
  name: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  verification_sessions: VerificationSessionsTable;
  contacts: ContactsTable;
  upload_batches: UploadBatchesTable;
  events: EventsTable;
  locks: LocksTable;
  spent_budgets: SpentBudgetsTable;
  address_windows: AddressWindowsTable;
}

export function toStored(e164: string): number {
  return Number(e164.slice(1));
}

export function fromStored(value: number | string): string {
  return `+${value}`;
}
