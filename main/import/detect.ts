import { looksLikeCsv } from './csv/index.ts';
import { looksLikeVcard } from './vcard/index.ts';
import { t } from '../../i18n/index.ts';

export type Format = 'vcard' | 'csv';

/** Files people pick by mistake, by their magic bytes; the format names the message's choice. */
const SIGNATURES: Array<[string, number[]]> = [
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
  ['sqlite', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
];

/** What the bytes are, or why they are not an address book. */
export function detectFormat(bytes: Uint8Array): { format: Format } | { problem: string } {
  if (bytes.length === 0) return { problem: t('import.file.empty') };
  for (const [format, magic] of SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) return { problem: t('import.file.notAddressBook', { format }) };
  }
  if (looksLikeVcard(bytes)) return { format: 'vcard' };
  if (looksLikeCsv(bytes)) return { format: 'csv' };
  return { problem: t('import.file.unknownContent') };
}
