/** One card cut out of a file by `splitVcards`, ready for `parseVcardChunk`. */
export interface VcardChunk {
  /** 1-based line of the card's BEGIN:VCARD. */
  line: number;
  /** 1-based line of its END:VCARD, or of its last line kept when it has none. */
  endLine: number;
  /**
   * The card's text from BEGIN:VCARD to END:VCARD, line breaks as in the file (LF, CRLF or CR CR LF), one line per
   * line of the file (so line `line + i` is line `i` here). Lines of cards nested inside it are left empty.
   * Deterministic for the same bytes.
   */
  text: string;
  /**
   * True when `text` holds raw bytes as latin1 chars (8-bit files), so each value can be decoded later with its own
   * CHARSET. False or missing: `text` is already Unicode (UTF-16 files, or chunks built by hand).
   */
  binary?: boolean;
}
