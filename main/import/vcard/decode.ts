/**
 * Turning a property's raw value into text: quoted-printable, then the charset. A value that does not decode is read
 * in the most readable way there is, and says how it was read, so that the report can name a damaged name.
 */
import { latin1Bytes } from '../encoding.ts';

const EIGHT_BIT = /[\x80-\xff]/;
/** C1 controls: what a single-byte charset makes of bytes that were meant as UTF-8 (or of undefined bytes). */
const C1 = /[\u0080-\u009f]/;

/** How a value was read when it could not be read as written. */
export type DecodeTrouble =
  /** The declared CHARSET does not fit the bytes; `readAs` (UTF-8 or windows-1252) does. */
  | { kind: 'charset'; charset: string; readAs: string }
  /**
   * Nothing fits: what decodes as UTF-8 is decoded, and every other byte is kept as written (`=E2` as `=E2`).
   * `charset` is the declared CHARSET, or '' when none was.
   */
  | { kind: 'undecodable'; charset: string }
  /** The charset fits, but some `=` is not followed by two hex digits (`=9` at the end, `=G1`); kept as written. */
  | { kind: 'broken-escape' };

export interface DecodedValue {
  text: string;
  /** null when the value decoded cleanly. */
  trouble: DecodeTrouble | null;
}

/**
 * `binary`: `raw` holds bytes as latin1 chars (8-bit file). Otherwise it is Unicode already and only
 * quoted-printable bytes still need a charset.
 */
export function decodeValue(raw: string, encoding: string, charset: string, binary: boolean): string {
  return decodeValueChecked(raw, encoding, charset, binary).text;
}

/** `decodeValue`, saying whether (and how) the value had to be read otherwise than as written. */
export function decodeValueChecked(raw: string, encoding: string, charset: string, binary: boolean): DecodedValue {
  if (encoding === 'quoted-printable') {
    const input = binary ? latin1Bytes(raw) : Buffer.from(raw, 'utf8');
    const qp = decodeQuotedPrintableTracked(input);
    return readBytes(qp.bytes, charset, qp.broken, (i) => {
      const at = qp.from[i]!;
      // An escape is kept as its three characters; a byte written as itself is its own character.
      return input[at] === 0x3d ? latin1(input.subarray(at, at + 3)) : byteAsText(input[at]!);
    });
  }
  if (!binary || !EIGHT_BIT.test(raw)) return { text: raw, trouble: null };
  const bytes = latin1Bytes(raw);
  return readBytes(bytes, charset, false, (i) => byteAsText(bytes[i]!));
}

/**
 * Bytes as text: the declared charset when it fits, else UTF-8 when the bytes are valid UTF-8, else windows-1252
 * (what old exporters wrote without saying so) when nothing says the bytes are damaged UTF-8, else UTF-8 as far as
 * it goes with every other byte kept as written by `literal`. "Fits" means no invalid sequence and no C1 control.
 */
function readBytes(
  bytes: Uint8Array,
  charset: string,
  broken: boolean,
  literal: (byteIndex: number) => string,
): DecodedValue {
  const declared = charset === '' ? null : decoderName(charset);
  if (declared !== null) {
    const text = strictDecode(bytes, declared);
    if (text !== null) return { text, trouble: broken ? { kind: 'broken-escape' } : null };
  }
  // An unknown CHARSET name is read as if there were none, as before: nothing says how it was meant.
  const named = declared === null ? '' : charset;
  if (declared !== 'utf-8') {
    const text = strictDecode(bytes, 'utf-8');
    if (text !== null) {
      if (named !== '') return { text, trouble: { kind: 'charset', charset: named, readAs: 'UTF-8' } };
      return { text, trouble: broken ? { kind: 'broken-escape' } : null };
    }
  }
  // Damaged UTF-8 is not windows-1252: a broken escape after a good one is a cut multi-byte character (`=E2=9`,
  // which windows-1252 would show as `â=9`), and bytes that hold a whole UTF-8 character beside a cut one would come
  // out as `Ã«`. Both are read as UTF-8 as far as it goes, the rest kept as written, which shows the damage.
  if (!broken && declared !== 'windows-1252' && !holdsUtf8Character(bytes)) {
    const text = strictDecode(bytes, 'windows-1252');
    if (text !== null) {
      return { text, trouble: named === '' ? null : { kind: 'charset', charset: named, readAs: 'windows-1252' } };
    }
  }
  return { text: utf8KeepingTheRest(bytes, literal), trouble: { kind: 'undecodable', charset: named } };
}

const decoderNames = new Map<string, string | null>();

/** The decoder's canonical name for a CHARSET label ('latin1' and 'iso-8859-1' are 'windows-1252'); null if unknown. */
function decoderName(label: string): string | null {
  const key = label.trim().toLowerCase();
  let name = decoderNames.get(key);
  if (name === undefined) {
    try {
      name = new TextDecoder(key).encoding;
    } catch {
      name = null;
    }
    decoderNames.set(key, name);
  }
  return name;
}

const strictDecoders = new Map<string, InstanceType<typeof TextDecoder>>();

/** The text, or null when the bytes are not valid in `name` or (for a charset other than UTF-8) hold C1 controls. */
function strictDecode(bytes: Uint8Array, name: string): string | null {
  let decoder = strictDecoders.get(name);
  if (decoder === undefined) {
    decoder = new TextDecoder(name, { fatal: true });
    strictDecoders.set(name, decoder);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return null;
  }
  // In UTF-8 a C1 control is written on purpose (two bytes); elsewhere it is a byte that had no meaning.
  return name !== 'utf-8' && C1.test(text) ? null : text;
}

const utf8 = new TextDecoder('utf-8');

/** Valid UTF-8 sequences decoded; every byte that is not part of one given as `literal` makes it. */
function utf8KeepingTheRest(bytes: Uint8Array, literal: (byteIndex: number) => string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < bytes.length;) {
    const n = utf8SequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += utf8.decode(bytes.subarray(run, i)) + literal(i);
    i++;
    run = i;
  }
  return out + utf8.decode(bytes.subarray(run));
}

/** Whether a well-formed multi-byte UTF-8 sequence is among the bytes: text in a single-byte charset seldom has one. */
function holdsUtf8Character(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80 && utf8SequenceLength(bytes, i) > 1) return true;
  }
  return false;
}

/** Length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlongs, no surrogates), or 0. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i]!;
  if (b0 < 0x80) return 1;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) n = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3;
    if (b0 === 0xe0) lo = 0xa0;
    else if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4;
    if (b0 === 0xf0) lo = 0x90;
    else if (b0 === 0xf4) hi = 0x8f;
  } else return 0;
  const b1 = b[i + 1];
  if (b1 === undefined || b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < n; k++) {
    const bk = b[i + k];
    if (bk === undefined || bk < 0x80 || bk > 0xbf) return 0;
  }
  return n;
}

const windows1252 = new TextDecoder('windows-1252');

/** A byte that stood for itself: its windows-1252 character, or U+FFFD for the five bytes that have none. */
function byteAsText(b: number): string {
  if (b < 0x80) return String.fromCharCode(b);
  const ch = windows1252.decode(Uint8Array.of(b));
  return C1.test(ch) ? '\ufffd' : ch;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** `=XX` becomes the byte; an `=` not followed by two hex digits stays. Soft breaks are joined before this. */
export function decodeQuotedPrintable(input: Uint8Array): Uint8Array {
  return decodeQuotedPrintableTracked(input).bytes;
}

interface QuotedPrintable {
  bytes: Uint8Array;
  /** For each output byte, where it starts in the input: an `=` for an escape. */
  from: Uint32Array;
  /** Some `=` was neither an escape nor a soft break at the very end. */
  broken: boolean;
}

/**
 * `=XX` becomes the byte. A soft break (`=`, maybe followed by spaces or tabs) at the very end has nothing left to
 * join and is dropped: the line after it was the end of the card. Any other `=` not followed by two hex digits is
 * kept as written and makes the value `broken`.
 */
function decodeQuotedPrintableTracked(input: Uint8Array): QuotedPrintable {
  const out = new Uint8Array(input.length);
  const from = new Uint32Array(input.length);
  let n = 0;
  let broken = false;
  for (let i = 0; i < input.length; i++) {
    const b = input[i]!;
    if (b === 0x3d) {
      const hi = hexValue(input[i + 1]);
      const lo = hexValue(input[i + 2]);
      if (hi !== -1 && lo !== -1) {
        from[n] = i;
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
      if (onlyBlanksAfter(input, i + 1)) break;
      broken = true;
    }
    from[n] = i;
    out[n++] = b;
  }
  return { bytes: out.subarray(0, n), from, broken };
}

function onlyBlanksAfter(input: Uint8Array, from: number): boolean {
  for (let i = from; i < input.length; i++) if (input[i] !== 0x20 && input[i] !== 0x09) return false;
  return true;
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const lower = b | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
