/**
 * Finding a number by what a person types. The store keeps, for every phone, the digit strings someone could type for
 * it (its keys); a search turns the typed text into key prefixes, and a contact matches when one of its keys starts
 * with one of them. For +44 7400 015000 the keys are:
 *
 * - `07400015000`, the national form as the list shows it in its home region (libphonenumber's national format, so
 *   with the trunk prefix, or in Argentina with the `15` its mobile numbers carry);
 * - `+447400015000`, the international form; its `+` marks it, so that the query can be read with and without an
 *   international call prefix (`0044…`, `01144…`, `+44…`, `44…`) against this one key;
 * - the digits of the raw text, as written in the address book, when they differ. For an invalid number that is the
 *   only key;
 * - the national significant number, `7400015000`, only where the national form is not that number after a `0`: the
 *   query looks for `0` and the typed digits, which finds it in the national form with one key fewer per number for
 *   most of the world.
 *
 * Only digits count: spaces, dashes, dots and brackets are dropped, and full-width and Arabic-Indic digits are read as
 * the digits they are, on both sides.
 */
import { parsePhoneNumberFromString, PhoneNumber } from 'libphonenumber-js/max';
import type { E164Number } from 'libphonenumber-js/max';
import { digitValue, isSeparator, scanPhone, type Scan } from './scan.ts';

/** International call prefixes a query may start with: 00 in most of the world, 011 in North America. */
const INTERNATIONAL_PREFIXES = ['00', '011'] as const;

/** No number is longer; digits past this in an unreadable raw value are not a number someone would type. */
const MAX_KEY_DIGITS = 24;

const PLUS = 0x2b;
const FULLWIDTH_PLUS = 0xff0b;

/** The digits of a raw value, whatever else it holds, with `+` when it starts with one; null when it has none. */
function looseRawKey(raw: string): string | null {
  let digits = '';
  let plus = false;
  for (let i = 0; i < raw.length && digits.length < MAX_KEY_DIGITS; i++) {
    const c = raw.charCodeAt(i);
    const d = digitValue(c);
    if (d >= 0) digits += String.fromCharCode(0x30 + d);
    else if ((c === PLUS || c === FULLWIDTH_PLUS) && digits === '') plus = true;
  }
  if (digits === '') return null;
  return plus ? `+${digits}` : digits;
}

/** The key of a raw value: its number's digits when it scanned as one (extension left out), else any digits in it. */
function rawKey(raw: string, scan: Scan): string | null {
  if (scan.ok) return scan.plus ? `+${scan.digits}` : scan.digits;
  return looseRawKey(raw);
}

/** Every key of a phone, given its raw key and, for a valid or possible number, the number libphonenumber read. */
function keysOf(raw: string | null, number: PhoneNumber | undefined): string[] {
  const keys = new Set<string>();
  if (number !== undefined) {
    const nsn = number.nationalNumber;
    const national = number.formatNational().replace(/\D/g, '');
    keys.add(national);
    if (national !== `0${nsn}`) keys.add(nsn);
    keys.add(`+${number.countryCallingCode}${nsn}`);
  }
  if (raw !== null) keys.add(raw);
  return [...keys];
}

/**
 * The keys of a stored phone: its raw text, and its E.164 form when valid (else the candidate of a possible number).
 * Depends on nothing else, so a phone's keys change exactly when its normalization does.
 */
export function numberSearchKeys(raw: string, e164: string | null, candidate: string | null): string[] {
  const text = e164 ?? candidate;
  return keysOf(rawKey(raw, scanPhone(raw)), text ? readE164(text) : undefined);
}

/**
 * A number already in E.164 form, read without parsing it again: a fifth of the cost of a parse, which an import of
 * 100,000 cards pays once per phone. Anything else is parsed.
 */
function readE164(text: string): PhoneNumber | undefined {
  try {
    return new PhoneNumber(text as E164Number);
  } catch {
    return parsePhoneNumberFromString(text);
  }
}

/**
 * The key prefixes a search for `text` stands for, or null when `text` is not a number: anything but digits,
 * separators and one leading `+` (a name, `*121#`, a single `-`).
 *
 * After a `+`, a `(0)` is the trunk prefix some write into an international number and is left out. Without a `+`,
 * the digits are tried as typed (national, national significant, raw), after a trunk prefix `0` (`7400` → `07400`)
 * and as an international number (`44 7400` → `+447400`); when they start with an international call prefix, also
 * as the number after it (`0044 7400` → `+447400`). While that prefix is still being typed (`0`, `01`) every
 * international number matches, as it would once the prefix is complete. The digits are always tried as typed too:
 * `0113 496 0000` is a Leeds number, not 011 and 3.
 */
export function numberQueryPrefixes(text: string): string[] | null {
  let digits = '';
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const d = digitValue(c);
    if (d >= 0) digits += String.fromCharCode(0x30 + d);
    else if ((c === PLUS || c === FULLWIDTH_PLUS) && !plus && digits === '') plus = true;
    else if (plus && isTrunkZero(text, i)) i += 2;
    else if (!isSeparator(c)) return null;
  }
  if (digits === '') return null;
  if (plus) return [`+${digits}`];
  const prefixes = [digits];
  // No calling code and no national significant number (but Italy's, kept as they are) starts with 0; typed after
  // the trunk prefix 0, the digits are the start of a national form.
  if (digits.charCodeAt(0) !== 0x30) prefixes.push(`+${digits}`, `0${digits}`);
  for (const idd of INTERNATIONAL_PREFIXES) {
    if (digits.startsWith(idd)) prefixes.push(`+${digits.slice(idd.length)}`);
    else if (idd.startsWith(digits)) prefixes.push('+');
  }
  return withoutCovered(prefixes);
}

/**
 * `(0)` at `i`: the trunk prefix written into an international number, "+44 (0)7400…", and not dialled. While it is
 * being typed, "+44 (0" reads so too.
 */
function isTrunkZero(text: string, i: number): boolean {
  return text[i] === '(' && digitValue(text.charCodeAt(i + 1)) === 0 && (text[i + 2] === ')' || i + 2 === text.length);
}

/** Sorted, each once, dropping any prefix that a shorter one already covers (`+` covers `+44`). */
function withoutCovered(prefixes: string[]): string[] {
  const out: string[] = [];
  for (const p of [...new Set(prefixes)].sort()) {
    if (!out.some((kept) => p.startsWith(kept))) out.push(p);
  }
  return out;
}

/** The end of the key range a prefix covers: keys hold only `+` and ASCII digits, all below `:`. */
export function prefixEnd(prefix: string): string {
  return `${prefix}:`;
}
