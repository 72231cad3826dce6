/** Shapes shared by the vCard and CSV readers and the importer. Types only. */

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
  /** Display name: FN, else N composed, else ORG, else the first email, else ''. */
  name: string;
  phones: RawPhone[];
}

/** A problem in a source, always with its place. */
export interface ImportIssue {
  file: string;
  /** 1-based line where the problem is (the card's first line when nothing better is known). */
  line: number;
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
