/** What the desktop address-book readers hand over: cards for the importer's record path, and what went wrong. */
import type { ImportIssue } from '../../import/types.ts';

/** One contact as vCard 3.0 text, with the id and revision its source gives it. */
export interface OsCard {
  /** Stable id in the source (Contacts person id, Windows ContactID); also the card's UID. */
  uid: string;
  /** When the source last changed it (ISO 8601), or null when unknown. */
  rev: string | null;
  vcard: string;
}

export interface OsReadResult {
  cards: OsCard[];
  /** Problems with single entries; the other entries are still read. */
  issues: ImportIssue[];
}

/** Why a whole read failed; the message is a catalog sentence. */
export type OsFailure =
  'denied' | 'timeout' | 'unsupported' | 'missing' | 'failed' | 'tooLong' | 'badOutput' | 'changing';

export class OsContactsError extends Error {
  readonly reason: OsFailure;
  constructor(reason: OsFailure, message: string) {
    super(message);
    this.name = 'OsContactsError';
    this.reason = reason;
  }
}
