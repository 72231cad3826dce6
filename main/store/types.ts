/** Row shapes of the local store. Types only. */

export type PhoneStatus = 'valid' | 'possible' | 'invalid';
export type NumberState = 'new' | 'synced' | 'pending_removal';
export type SourceKind = 'vcard' | 'csv';

export interface SourceRow {
  id: number;
  path: string;
  kind: SourceKind;
  file_hash: string;
  imported_at: number;
  records_read: number;
  /** JSON array of `{ file, line, message }`. */
  report: string;
}

export interface ContactRow {
  id: number;
  source_id: number;
  key: string;
  digest: string;
  line: number;
  name: string;
  excluded: 0 | 1;
  created_at: number;
  updated_at: number;
}

export interface PhoneRow {
  contact_id: number;
  position: number;
  raw: string;
  label: string;
  e164: string | null;
  candidate: string | null;
  ext: string | null;
  status: PhoneStatus;
  reason: string;
  /**
   * Set on a valid number written without a country code that reads as a service number only because of the home
   * default ('premium-rate', 'toll-free', 'shared-cost', 'universal access'): held back from upload until the user
   * confirms or changes its country. Null otherwise.
   */
  to_check: string | null;
}

/** A country the user chose for the digits of a number written without a country code. */
export interface NumberCountryRow {
  digits: string;
  country: string;
  chosen_at: number;
}

export interface NumberRow {
  e164: string;
  refs: number;
  state: NumberState;
  first_seen_at: number;
  changed_at: number;
  synced_at: number | null;
  registered_user_id: string | null;
  registered_at: number | null;
  /** The queued batch this number is in flight in. */
  outbox_id: number | null;
  /** Why the server refused it; such a number is not sent again until it changes. */
  rejected: string | null;
}

/**
 * A phone ready to be written: the raw source text plus its normalization, and its search keys when the caller has
 * them already (an import works them out in its threads; see main/phone/search-keys.ts).
 */
export type PhoneInput = Omit<PhoneRow, 'contact_id' | 'position' | 'to_check'> & {
  to_check?: string | null;
  keys?: readonly string[];
};
