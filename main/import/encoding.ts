/** Byte-level text detection shared by the vCard and CSV readers. */

export type Utf16 = 'utf-16le' | 'utf-16be';

export interface Sniffed {
  /** 'utf-8', 'utf-16le' or 'utf-16be' when known from a BOM or from the byte pattern; null for plain 8-bit text. */
  encoding: 'utf-8' | Utf16 | null;
  /** Bytes to skip at the start (every BOM there). */
  bomLength: number;
}

const BOMS: Array<['utf-8' | Utf16, number[]]> = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/**
 * Recognise a BOM, or UTF-16 without one: ASCII-heavy UTF-16 text has a zero byte in every other position. A BOM
 * can be repeated (files saved again by a tool that adds one without looking); all of them are skipped.
 */
export function sniffEncoding(bytes: Uint8Array): Sniffed {
  for (const [encoding, bom] of BOMS) {
    const length = repeated(bytes, bom);
    if (length > 0) return { encoding, bomLength: length };
  }
  const n = Math.min(bytes.length, 512) & ~1;
  if (n >= 4) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZero++;
      if (bytes[i + 1] === 0) oddZero++;
    }
    const pairs = n / 2;
    if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
    if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  }
  return { encoding: null, bomLength: 0 };
}

/** How many bytes at the start are copies of `bom`. */
function repeated(bytes: Uint8Array, bom: number[]): number {
  let at = 0;
  while (at + bom.length <= bytes.length && bom.every((b, i) => bytes[at + i] === b)) at += bom.length;
  return at;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes are well-formed UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decode with a named charset; unknown labels fall back to UTF-8 rather than failing the record. */
export function decodeCharset(bytes: Uint8Array, charset: string): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset.trim().toLowerCase());
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

/** Bytes of a string whose chars are all < 256 (a "binary" string). */
export function latin1Bytes(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}
