/** Shapes shared by the vCard and CSV readers and the importer. Types only. */
import type { PhotoData } from './vcard/photo.ts';

/** A phone number as it appeared in the source, before normalization. */
export interface RawPhone {
  /** The value text exactly as decoded from the source (may be a `tel:` URI, may hold an extension). */
  raw: string;
  /** Human label: `Mobile`, `Home`, `Work`, `Fax`, an iOS custom label, or '' when none. */
  label: string;
}

/** One contact read from a source, before normalization. */
export interface ParsedContact {
  /** 1-based line in the file where the record starts. */
  line: number;
  /** vCard UID when the card has one; null otherwise. */
  uid: string | null;
  /**
   * Display name: FN, else N composed, else NICKNAME, else ORG, else the first email (punctuation alone is no name),
   * else ''.
   */
  name: string;
  phones: RawPhone[];
  /** Problems that did not stop the record from being read (a name that could not be decoded); absent when none. */
  issues?: RecordIssue[];
  /** The card's PHOTO, checked (see vcard/photo.ts); absent when it has none that could be kept. */
  photo?: PhotoData;
}

/** A problem within one record, at its line; the importer adds the file. */
export interface RecordIssue {
  line: number;
  message: string;
}

/** A problem in a source, always with its place. */
export interface ImportIssue {
  file: string;
  /** 1-based line where the problem is (the card's first line when nothing better is known). */
  line: number;
  /** One whole sentence, without the file and line: `file:line: message` is how the CLI prints it. */
  message: string;
}

/** An error a reader throws for one record; the importer catches it and reports `file:line: message`. */
export class RecordError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'RecordError';
    this.line = line;
  }
}
