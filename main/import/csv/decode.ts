/** Turn the bytes of a CSV file into text, guessing the charset when the file does not say. */

import { decodeCharset, isUtf8, sniffEncoding } from '../encoding.ts';

export type CsvCharset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  charset: CsvCharset;
}

/**
 * BOM or UTF-16 byte pattern first; then UTF-8 when it is well formed; then Shift_JIS when the bytes read as
 * Japanese; windows-1252 otherwise (it maps every byte, so it never fails).
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  const sniffed = sniffEncoding(bytes);
  let charset: CsvCharset;
  let body = bytes;
  if (sniffed.encoding !== null) {
    charset = sniffed.encoding;
    body = bytes.subarray(sniffed.bomLength);
  } else if (isUtf8(bytes)) {
    charset = 'utf-8';
  } else if (looksLikeShiftJis(bytes)) {
    charset = 'shift_jis';
  } else {
    charset = 'windows-1252';
  }
  return { text: decodeCharset(body, charset), charset };
}

const sjisStrict = new TextDecoder('shift_jis', { fatal: true });

function isAsciiLetter(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
}

/**
 * Western windows-1252 text often decodes "cleanly" as Shift_JIS too: `Renée` has é (0xE9) followed by `e`, a
 * valid lead/trail pair. What gives it away is where the multi-byte characters sit: in Latin text they are glued
 * to ASCII letters (`Ren|é e|`), in Japanese text they run together or stand between delimiters. So count both
 * kinds and only pick Shift_JIS when the Japanese-looking ones clearly dominate.
 */
export function looksLikeShiftJis(bytes: Uint8Array): boolean {
  let japanese = 0;
  let latinLike = 0;
  let prevWasLetter = false;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      prevWasLetter = isAsciiLetter(b);
      i++;
      continue;
    }
    if (b >= 0xa1 && b <= 0xdf) {
      // Half-width katakana, or a windows-1252 accented capital / symbol.
      if (prevWasLetter || isAsciiLetter(bytes[i + 1])) latinLike++;
      else japanese++;
      prevWasLetter = false;
      i++;
      continue;
    }
    const lead = (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
    const trail = bytes[i + 1];
    if (!lead || trail === undefined || trail < 0x40 || trail === 0x7f || trail > 0xfc) return false;
    if (isAsciiLetter(trail) && (prevWasLetter || isAsciiLetter(bytes[i + 2]))) latinLike++;
    else japanese++;
    prevWasLetter = false;
    i += 2;
  }
  if (japanese === 0 || latinLike * 4 > japanese) return false;
  try {
    sjisStrict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
