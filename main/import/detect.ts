import { looksLikeCsv } from './csv/index.ts';
import { looksLikeVcard } from './vcard/index.ts';

export type Format = 'vcard' | 'csv';

const SIGNATURES: Array<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a ZIP archive (or an Office document)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['an SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
];

/** What the bytes are, or why they are not an address book. */
export function detectFormat(bytes: Uint8Array): { format: Format } | { problem: string } {
  if (bytes.length === 0) return { problem: 'the file is empty' };
  for (const [what, magic] of SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) return { problem: `not an address book: this is ${what}` };
  }
  if (looksLikeVcard(bytes)) return { format: 'vcard' };
  if (looksLikeCsv(bytes)) return { format: 'csv' };
  return { problem: 'not an address book: found neither vCard cards nor a CSV contacts table' };
}
