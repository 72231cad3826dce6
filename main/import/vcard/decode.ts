/** Turning a property's raw value into text: quoted-printable, then the charset. */
import { decodeCharset, latin1Bytes } from '../encoding.ts';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');
const EIGHT_BIT = /[\x80-\xff]/;

/**
 * `binary`: `raw` holds bytes as latin1 chars (8-bit file). Otherwise it is Unicode already and only
 * quoted-printable bytes still need a charset.
 */
export function decodeValue(raw: string, encoding: string, charset: string, binary: boolean): string {
  if (encoding === 'quoted-printable') {
    const bytes = binary ? latin1Bytes(raw) : Buffer.from(raw, 'utf8');
    return bytesToText(decodeQuotedPrintable(bytes), charset);
  }
  if (!binary || !EIGHT_BIT.test(raw)) return raw;
  return bytesToText(latin1Bytes(raw), charset);
}

/** With no CHARSET, UTF-8 when the bytes are valid UTF-8, else windows-1252 (what old exporters wrote). */
function bytesToText(bytes: Uint8Array, charset: string): string {
  if (charset !== '') return decodeCharset(bytes, charset);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

/** `=XX` becomes the byte; an `=` not followed by two hex digits stays. Soft breaks are joined before this. */
export function decodeQuotedPrintable(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const b = input[i] ?? 0;
    if (b === 0x3d) {
      const hi = hexValue(input[i + 1]);
      const lo = hexValue(input[i + 2]);
      if (hi !== -1 && lo !== -1) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const lower = b | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
