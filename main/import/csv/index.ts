/**
 * Contacts from CSV exports (Google, Outlook, Thunderbird, or any file with a recognisable header).
 *
 * A file whose first row is not a header we recognise is refused with one error on that line rather than
 * guessed at: column meaning in headerless files cannot be told apart reliably (is `John,Doe` first/last or
 * last/first? is `12345` a phone or a postcode?).
 */

import { t } from '../../../i18n/index.ts';
import type { ImportIssue, ParsedContact } from '../types.ts';
import { sniffEncoding } from '../encoding.ts';
import { decodeCsvBytes } from './decode.ts';
import {
  consistency,
  DELIMITER_NAMES,
  DELIMITERS,
  delimiterCounts,
  guessDelimiter,
  mostConsistent,
} from './delimiter.ts';
import { hasNameOrPhone, mapHeader } from './header.ts';
import { LONE_CR_AS_LINE_END, LONE_CR_AS_SPACE, loneCrIssues } from '../lone-cr.ts';
import { NOTHING_USABLE_ROW } from '../name-text.ts';
import { readRecords, type CsvItem, type Delimiter } from './records.ts';
import { rowContact } from './row.ts';

export interface CsvContacts {
  contacts: ParsedContact[];
  errors: ImportIssue[];
  /** Data rows read after the header, blank rows not counted, broken ones counted. */
  rows: number;
}

export const NO_HEADER = t('import.csv.noHeader');
const HEADER_UNREADABLE = t('import.csv.headerUnreadable');
const EMPTY_CSV = t('import.csv.empty');

/** How much of a file `looksLikeCsv` reads. */
const SNIFF_BYTES = 64 * 1024;

export function parseCsvContacts(bytes: Uint8Array, file: string): CsvContacts {
  try {
    return readContacts(bytes, file);
  } catch (err) {
    // Only a bug can get here; report it against the file instead of failing the whole import.
    const message = t('import.csv.unreadable', { reason: err instanceof Error ? err.message : String(err) });
    return { contacts: [], errors: [{ file, line: 1, message }], rows: 0 };
  }
}

function readContacts(bytes: Uint8Array, file: string): CsvContacts {
  const contacts: ParsedContact[] = [];
  const errors: ImportIssue[] = [];
  const report = (line: number, message: string): void => {
    errors.push({ file, line, message });
  };

  const { text } = decodeCsvBytes(bytes);
  const guess = guessDelimiter(text);
  const items = readRecords(text, guess.delimiter);
  const first = items[0];
  if (first === undefined) {
    report(1, EMPTY_CSV);
    return { contacts, errors, rows: 0 };
  }
  if (first.kind === 'issue') {
    report(first.line, HEADER_UNREADABLE);
    return { contacts, errors, rows: 0 };
  }
  const header = mapHeader(first.fields);
  if (!hasNameOrPhone(header)) {
    report(first.line, guess.mixed === null ? NO_HEADER : `${NO_HEADER} ${guess.mixed}`);
    return { contacts, errors, rows: 0 };
  }

  const repairs: Array<{ line: number; message: string }> = [];
  const rowItems = joinCutRows(items, first.fields.length, repairs);
  errors.push(...loneCrIssues(file, repairs));
  let rows = 0;
  for (const item of rowItems.slice(1)) {
    rows++;
    if (item.kind === 'issue') {
      report(item.line, item.message);
      continue;
    }
    const other = otherDelimiter(item.fields, first.fields.length, guess.delimiter);
    if (other !== null) {
      const names = { row: DELIMITER_NAMES[other], header: DELIMITER_NAMES[guess.delimiter] };
      report(item.line, t('import.csv.rowDelimiter', names));
      continue;
    }
    const contact = rowContact(item.fields, header, item.line);
    if (contact.name === '' && contact.phones.length === 0) {
      report(item.line, NOTHING_USABLE_ROW);
      continue;
    }
    contacts.push(contact);
  }
  return { contacts, errors, rows };
}

/**
 * Lone CRs outside quotes end a record. Where one cut a row short (fewer fields than the header) and the record after
 * it completes the row (together no more fields than the header), the two are one row again, the CR read as a space;
 * otherwise the CR was a line end. Either way the repair is reported on the CR's line.
 */
function joinCutRows(items: CsvItem[], width: number, repairs: Array<{ line: number; message: string }>): CsvItem[] {
  const out: CsvItem[] = [];
  for (let i = 0; i < items.length; i++) {
    let item = items[i]!;
    while (item.kind === 'record' && item.loneCrLine !== undefined) {
      const cut = item.loneCrLine;
      const next = items[i + 1];
      const fits =
        next?.kind === 'record' &&
        next.line === cut + 1 &&
        item.fields.length < width &&
        item.fields.length + next.fields.length - 1 <= width;
      if (!fits) {
        repairs.push({ line: cut, message: LONE_CR_AS_LINE_END });
        break;
      }
      repairs.push({ line: cut, message: LONE_CR_AS_SPACE });
      const fields = [...item.fields.slice(0, -1), `${item.fields.at(-1)} ${next.fields[0]}`, ...next.fields.slice(1)];
      item = { kind: 'record', line: item.line, fields };
      if (next.loneCrLine !== undefined) item.loneCrLine = next.loneCrLine;
      i++;
    }
    out.push(item);
  }
  return out;
}

/**
 * A row that came out as one field, under a header of several, but that another delimiter would split: the file
 * mixes formats. Tabs almost never appear inside names, so one suffices; commas and semicolons need two.
 */
function otherDelimiter(fields: readonly string[], headerWidth: number, used: Delimiter): Delimiter | null {
  const only = fields[0];
  if (fields.length !== 1 || headerWidth < 2 || only === undefined) return null;
  for (const d of DELIMITERS) {
    if (d === used) continue;
    if (only.split(d).length - 1 >= (d === '\t' ? 1 : 2)) return d;
  }
  return null;
}

/**
 * True for text that reads as delimited rows: a header we understand, or a delimiter that splits most of the
 * first lines into the same number of fields. False for binary data and vCards.
 */
export function looksLikeCsv(bytes: Uint8Array): boolean {
  try {
    return sniff(bytes);
  } catch {
    return false;
  }
}

function sniff(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const head = sampleHead(bytes);
  const { text, charset } = decodeCsvBytes(head);
  if (/^\s*BEGIN:VCARD/i.test(text)) return false;
  // A header we understand settles it: a stray NUL or control byte in a row is damage to report, not binary data.
  if (guessDelimiter(text).header !== null) return true;
  if (!charset.startsWith('utf-16') && head.subarray(0, 8192).includes(0)) return false;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) control++;
  }
  if (control > text.length / 100) return false;

  const counts = delimiterCounts(text);
  const lines = counts[mostConsistent(counts)];
  const agreeing = consistency(lines).lines;
  return agreeing >= 2 && agreeing * 2 >= lines.length;
}

/** The first SNIFF_BYTES, cut after a line end so that UTF-8 and Shift_JIS characters are not split. */
function sampleHead(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SNIFF_BYTES) return bytes;
  const head = bytes.subarray(0, SNIFF_BYTES); // even length, so UTF-16 code units stay whole
  if (sniffEncoding(bytes).encoding?.startsWith('utf-16')) return head;
  const lf = head.lastIndexOf(0x0a);
  return lf > 0 ? head.subarray(0, lf + 1) : head;
}
