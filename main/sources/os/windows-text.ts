/** The text of a .contact file: UTF-8 (what Windows usually writes), or UTF-16 with or without a byte order mark. */

export type WindowsEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function sniffEncoding(bytes: Uint8Array): { encoding: WindowsEncoding; bom: number } {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // No mark: an XML file starts with '<', which shows where the zero byte of UTF-16 falls.
  if (a === 0x3c && b === 0x00) return { encoding: 'utf-16le', bom: 0 };
  if (a === 0x00 && b === 0x3c) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
}

/** Throws TypeError on bytes that are not valid text in the sniffed encoding. */
export function contactText(bytes: Uint8Array): { text: string; encoding: WindowsEncoding } {
  const { encoding, bom } = sniffEncoding(bytes);
  const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom));
  return { text, encoding };
}
