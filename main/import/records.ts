import type { CountryCode } from 'libphonenumber-js/max';
import { normalizePhone } from '../phone/index.ts';
import { sortKey } from '../store/sort-key.ts';
import type { PhoneInput } from '../store/types.ts';
import { stableKey } from './keys.ts';
import { RecordError, type ParsedContact, type RawPhone } from './types.ts';
import { parseVcardChunk, type VcardChunk } from './vcard/index.ts';

/** A record read and normalized, ready for the store; or why it could not be read. */
export type RecordResult =
  | { ok: true; key: string; line: number; name: string; sortName: string; phones: PhoneInput[] }
  | { ok: false; line: number; message: string };

/** Work for one batch: raw vCard chunks to parse, or contacts (from CSV) already parsed. */
export type RecordTask =
  | { kind: 'vcard'; region: CountryCode | null; chunks: VcardChunk[] }
  | { kind: 'contacts'; region: CountryCode | null; contacts: ParsedContact[] };

export function normalizePhones(phones: readonly RawPhone[], region: CountryCode | null): PhoneInput[] {
  return phones.map(({ raw, label }) => {
    const n = normalizePhone(raw, region);
    return { raw, label, e164: n.e164, candidate: n.candidate, ext: n.ext, status: n.status, reason: n.reason };
  });
}

function toResult(c: ParsedContact, region: CountryCode | null): RecordResult {
  return {
    ok: true,
    key: stableKey(c),
    line: c.line,
    name: c.name,
    sortName: sortKey(c.name),
    phones: normalizePhones(c.phones, region),
  };
}

/** The CPU-heavy part of an import, the same whether it runs inline or in a worker thread. */
export function processRecords(task: RecordTask): RecordResult[] {
  if (task.kind === 'contacts') return task.contacts.map((c) => toResult(c, task.region));
  return task.chunks.map((chunk) => {
    try {
      return toResult(parseVcardChunk(chunk), task.region);
    } catch (err) {
      if (err instanceof RecordError) return { ok: false, line: err.line, message: err.message };
      return { ok: false, line: chunk.line, message: `card could not be read (${(err as Error).message})` };
    }
  });
}
