/**
 * Split CSV text into records with the 1-based line each starts on, surviving broken quoting.
 *
 * csv-parse stops at the first error, so when a record cannot be read we report its first line and parse again
 * from the line after it. Earlier records were already collected by `on_record`, so nothing is read twice except
 * the broken record itself.
 */

import { parse, type CsvError, type Options } from 'csv-parse/sync';
import { t } from '../../../i18n/index.ts';

export type Delimiter = ',' | ';' | '\t';

export type CsvItem =
  | {
      kind: 'record';
      line: number;
      fields: string[];
      /** The line that ends in a lone CR where this record ends, in a file whose other lines end in LF or CRLF. */
      loneCrLine?: number;
    }
  | { kind: 'issue'; line: number; message: string };

/**
 * Longest record we accept. A contact row is a few hundred characters; this only trips when a quote never closes
 * and would otherwise swallow the rest of a large file, and it bounds the work lost to each broken record.
 */
export const MAX_RECORD_CHARS = 256 * 1024;

/** Any of the three line endings ends a record (files exported on one system and edited on another mix them). */
const LINE_ENDINGS = ['\r\n', '\n', '\r'];

/** Byte offsets where lines start, so a record's byte offset gives its line number. */
class LineIndex {
  private readonly starts: number[] = [0];
  readonly size: number;

  constructor(buf: Uint8Array) {
    this.size = buf.length;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (b === 0x0a || (b === 0x0d && buf[i + 1] !== 0x0a)) this.starts.push(i + 1);
    }
  }

  /** Index into `starts` of the line holding `offset`. */
  private find(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineAt(offset: number): number {
    return this.find(offset) + 1;
  }

  nextLineStart(offset: number): number {
    return this.starts[this.find(offset) + 1] ?? this.size;
  }
}

function options(delimiter: Delimiter, relaxQuotes: boolean): Options {
  return {
    delimiter,
    record_delimiter: LINE_ENDINGS,
    relax_column_count: true,
    relax_quotes: relaxQuotes,
    max_record_size: MAX_RECORD_CHARS,
    bom: false, // the decoder already removed it
  };
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

function describe(err: unknown): string {
  const code = (err as Partial<CsvError> | null)?.code;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return t('import.csv.quoteNotClosed');
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return t('import.csv.unbalancedQuote');
    case 'CSV_MAX_RECORD_SIZE':
      return t('import.csv.rowTooLong', { max: MAX_RECORD_CHARS });
    default:
      return t('import.csv.rowUnreadable', { reason: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * Read records, skipping blank ones. `limit` stops after roughly that many records (blank ones included), for
 * sniffing the first lines cheaply.
 */
export function readRecords(text: string, delimiter: Delimiter, limit = 0): CsvItem[] {
  const buf = Buffer.from(text, 'utf8');
  const lines = new LineIndex(buf);
  const items: CsvItem[] = [];
  // A lone CR outside quotes always ends a record (inside them it is data). That is worth a word only where other
  // records end in LF: in a classic Mac OS file every record ends so.
  const cutByCr: Array<CsvItem & { kind: 'record' }> = [];
  let lfEnded = false;
  let seen = 0;
  const keep = (fields: string[], start: number, end: number): void => {
    seen++;
    const lastByte = buf[end - 1];
    if (lastByte === 0x0a) lfEnded = true;
    if (isBlank(fields)) return;
    const item: CsvItem = { kind: 'record', line: lines.lineAt(start), fields };
    if (lastByte === 0x0d && buf[end] !== 0x0a && buf[end] !== 0x0d) {
      item.loneCrLine = lines.lineAt(end - 1);
      cutByCr.push(item);
    }
    items.push(item);
  };

  let offset = 0;
  while (offset < buf.length && (limit === 0 || seen < limit)) {
    const base = offset;
    let start = offset;
    try {
      parse(buf.subarray(base), {
        ...options(delimiter, false),
        to: limit === 0 ? -1 : limit - seen,
        on_record: (fields: string[], info) => {
          keep(fields, start, base + info.bytes);
          start = base + info.bytes;
          return null;
        },
      });
      break;
    } catch (err) {
      // `start` is where the record that failed begins.
      const relaxed = isMidFieldQuote(err) ? readRelaxed(buf, start, delimiter, lines) : null;
      if (relaxed !== null) {
        keep(relaxed.fields, start, relaxed.end);
        offset = relaxed.end;
        continue;
      }
      seen++;
      items.push({ kind: 'issue', line: lines.lineAt(start), message: describe(err) });
      offset = lines.nextLineStart(start);
    }
  }
  if (!lfEnded) for (const item of cutByCr) delete item.loneCrLine;
  return items;
}

/** A quote in the middle of an unquoted field; csv-parse is strict about it until asked to relax. */
function isMidFieldQuote(err: unknown): boolean {
  return (err as Partial<CsvError> | null)?.code === 'INVALID_OPENING_QUOTE';
}

/**
 * Quotes in the middle of an unquoted field (`Bob "the" Builder`) are common in hand-edited files and harmless, so
 * read that one record leniently. If the lenient reading runs past the end of the line, some other quote in the
 * row opened a field that never closes and is swallowing the next rows; then the caller reports the row instead.
 * Quotes that break a quoted field (`"Bob "the" Builder"`) are not relaxed: the lenient reading keeps the outer
 * quotes in the value, and the same error is what an unclosed field looks like one line later.
 */
function readRelaxed(
  buf: Buffer,
  start: number,
  delimiter: Delimiter,
  lines: LineIndex,
): { fields: string[]; end: number } | null {
  let result: { fields: string[]; end: number } | null = null;
  try {
    parse(buf.subarray(start), {
      ...options(delimiter, true),
      to: 1,
      on_record: (fields: string[], info) => {
        result = { fields, end: start + info.bytes };
        return null;
      },
    });
  } catch {
    return null;
  }
  const found = result as { fields: string[]; end: number } | null;
  return found !== null && found.end > start && found.end <= lines.nextLineStart(start) ? found : null;
}
