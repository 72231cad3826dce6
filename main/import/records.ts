import type { CountryCode } from 'libphonenumber-js/max';
import { t } from '../../i18n/index.ts';
import { normalizePhone, type ChosenCountries } from '../phone/index.ts';
import { numberSearchKeys } from '../phone/search-keys.ts';
import { sortKey } from '../store/sort-key.ts';
import type { PhoneInput } from '../store/types.ts';
import { stableKey } from './keys.ts';
import { RecordError, type ParsedContact, type RawPhone, type RecordIssue } from './types.ts';
import { parseVcardChunk, type VcardChunk } from './vcard/index.ts';
import type { PhotoData } from './vcard/photo.ts';

/** A record read and normalized, ready for the store (with what was wrong in it, if anything); or why it was not. */
export type RecordResult =
  | {
      ok: true;
      key: string;
      line: number;
      name: string;
      sortName: string;
      phones: PhoneInput[];
      issues?: RecordIssue[];
      photo?: PhotoData;
    }
  | { ok: false; line: number; message: string };

/** Work for one batch: raw vCard chunks to parse, or contacts (from CSV) already parsed. */
export type RecordTask =
  | { kind: 'vcard'; region: CountryCode | null; chosen?: ChosenCountries; chunks: VcardChunk[] }
  | { kind: 'contacts'; region: CountryCode | null; chosen?: ChosenCountries; contacts: ParsedContact[] };

export function normalizePhones(
  phones: readonly RawPhone[],
  region: CountryCode | null,
  chosen: ChosenCountries | null = null,
): PhoneInput[] {
  return phones.map(({ raw, label }) => {
    const n = normalizePhone(raw, region, chosen);
    const { e164, candidate, ext, status, reason } = n;
    // Search keys here too, where the threads share the work, not on the thread that writes.
    const keys = numberSearchKeys(raw, e164, candidate);
    return { raw, label, e164, candidate, ext, status, reason, to_check: n.check ?? null, keys };
  });
}

function toResult(c: ParsedContact, region: CountryCode | null, chosen: ChosenCountries | null): RecordResult {
  const result: RecordResult = {
    ok: true,
    key: stableKey(c),
    line: c.line,
    name: c.name,
    sortName: sortKey(c.name),
    phones: normalizePhones(c.phones, region, chosen),
  };
  // Only when there are some: results cross to the importing thread, and most records have none.
  if (c.issues !== undefined) result.issues = c.issues;
  if (c.photo !== undefined) result.photo = c.photo;
  return result;
}

/** The CPU-heavy part of an import, the same whether it runs inline or in a worker thread. */
export function processRecords(task: RecordTask): RecordResult[] {
  const chosen = task.chosen ?? null;
  if (task.kind === 'contacts') return task.contacts.map((c) => toResult(c, task.region, chosen));
  return task.chunks.map((chunk) => {
    try {
      return toResult(parseVcardChunk(chunk), task.region, chosen);
    } catch (err) {
      if (err instanceof RecordError) return { ok: false, line: err.line, message: err.message };
      return { ok: false, line: chunk.line, message: t('import.cardUnreadable', { reason: (err as Error).message }) };
    }
  });
}
