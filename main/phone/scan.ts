/**
 * The cheap pre-pass in front of libphonenumber: one walk over the raw text that strips a `tel:` scheme, splits off
 * an extension or post-dial digits, folds the non-ASCII digits libphonenumber knows into ASCII, and rejects text that
 * cannot be a subscriber number (service codes, words, empty values) before any parsing happens.
 *
 * Decisions:
 * - Letters are never converted to keypad digits: a vanity number like 1-800-FLOWERS belongs to a business, not to
 *   anyone on a messenger, and turning words into digits could make a note match a stranger's real number. Text after
 *   a number ("07400 123456 home") is refused too, since libphonenumber would quietly read only the digits before it.
 * - Dial pauses and waits (`,` `;` `p` `w`) end the number. The first group of digits after them is kept as the
 *   extension, which is what PBX extensions look like; later groups are menu choices or PINs and are dropped.
 * - Full-width, Arabic-Indic and Eastern Arabic-Indic digits, and the full-width plus, are read as what they are;
 *   other scripts' digits are not, matching libphonenumber-js.
 */

import { t } from '../../i18n/index.ts';

// Formatted once: the scan runs for every number of every import.
export const REASON_EMPTY = t('phone.reason.empty');
export const REASON_NOT_A_NUMBER = t('phone.reason.notANumber');
export const REASON_LETTERS = t('phone.reason.letters');
export const REASON_SHORT_CODE = t('phone.reason.shortCode');
export const REASON_TOO_LONG_TEXT = t('phone.reason.tooLongText');

/** Longer input is some other field pasted into a phone slot; checked before any work is done. */
const MAX_RAW_LENGTH = 100;

export type Scan =
  | {
      ok: true;
      /** ASCII digits of the number itself, without extension or post-dial digits. */
      digits: string;
      /** The number was written with a leading `+`. */
      plus: boolean;
      ext: string | null;
    }
  | { ok: false; reason: string };

const PLUS = 0x2b;
const FULLWIDTH_PLUS = 0xff0b;
const HASH = 0x23;
const STAR = 0x2a;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;

/** Digit value of a character libphonenumber accepts as a digit, else -1. */
export function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c < 0x660) return -1;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10; // full-width, from Japanese and Chinese input methods
  if (c >= 0x660 && c <= 0x669) return c - 0x660; // Arabic-Indic
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0; // Eastern Arabic-Indic (Persian, Urdu)
  return -1;
}

/** Visual separators: the same set libphonenumber skips (dashes, slashes, dots, spaces, brackets, tildes). */
export function isSeparator(c: number): boolean {
  switch (c) {
    case 0x20: // space
    case 0x09: // tab
    case 0x2d: // -
    case 0x2e: // .
    case 0x2f: // /
    case 0x28: // (
    case 0x29: // )
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7e: // ~
    case 0xa0: // no-break space
    case 0xad: // soft hyphen
    case 0x2212: // minus sign
    case 0x2053: // swung dash
    case 0x223c: // tilde operator
    case 0x3000: // ideographic space
    case 0x30fc: // katakana prolonged sound mark, typed as a dash in Japanese
    case 0xff0d: // full-width hyphen
    case 0xff0e: // full-width full stop
    case 0xff0f: // full-width slash
    case 0xff08: // full-width (
    case 0xff09: // full-width )
    case 0xff3b: // full-width [
    case 0xff3d: // full-width ]
    case 0xff5e: // full-width tilde
      return true;
    default:
      // Unicode spaces, zero-width and bidi marks (numbers copied from right-to-left text carry them), dashes.
      return (
        (c >= 0x2000 && c <= 0x2015) ||
        (c >= 0x2028 && c <= 0x202f) ||
        (c >= 0x205f && c <= 0x2069) ||
        (c >= 0x0a && c <= 0x0d) ||
        c === 0xfeff
      );
  }
}

function asciiDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d >= 0) out += String.fromCharCode(0x30 + d);
  }
  return out;
}

/** The first run of digits in a post-dial sequence, e.g. `,,123,4567#` → `123`. */
function firstDigitRun(s: string): string | null {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d >= 0) out += String.fromCharCode(0x30 + d);
    else if (out !== '') break;
  }
  return out === '' ? null : out;
}

/** Characters a dialer accepts after the number: digits, pauses (`,` `p`), waits (`;` `w`), `*`, `#`, spacing. */
function isPostDial(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (digitValue(c) >= 0 || isSeparator(c)) continue;
    if (c === COMMA || c === SEMICOLON || c === STAR || c === HASH) continue;
    const lower = c | 0x20;
    if (lower === 0x70 || lower === 0x77) continue; // p, w
    return false;
  }
  return true;
}

/**
 * Written extension labels, matched only once the walk has met a letter, so the common case never runs a regex.
 * English, Spanish/Portuguese and Russian labels, as libphonenumber recognises them.
 */
const EXT_LABEL =
  /^(?:e?xt(?:ensi(?:o\u0301?|\u00f3)n|n)?|\uff45?\uff58\uff54\uff4e?|x|\uff58|int|\u0434\u043e\u0431|anexo|ramal)[:.\uff0e]?[\s,-]*([0-9\uff10-\uff19\u0660-\u0669\u06f0-\u06f9]{1,20})#?$/i;

/**
 * The end of the number has been reached at `s[i]`, which is neither a digit nor a separator: decide whether what
 * follows is an extension, post-dial digits, part of a service code, or text.
 */
function scanTail(s: string, i: number, digits: string, plus: boolean, ext: string | null): Scan {
  const c = s.charCodeAt(i);
  if (c === STAR) return { ok: false, reason: REASON_SHORT_CODE };
  if (digits === '') {
    // `#31#`-style codes; `p1234` (a pause with nothing to dial before it); words.
    return { ok: false, reason: c === HASH ? REASON_SHORT_CODE : REASON_NOT_A_NUMBER };
  }
  const rest = s.slice(i + 1);
  if (c === HASH) {
    // `number#123` is an extension; a bare trailing `#` or anything else ends a USSD/service code.
    const tail = rest.endsWith('#') ? rest.slice(0, -1) : rest;
    const extDigits = asciiDigits(tail);
    if (extDigits !== '' && extDigits.length === tail.trim().length) return { ok: true, digits, plus, ext: extDigits };
    return { ok: false, reason: REASON_SHORT_CODE };
  }
  if (c === SEMICOLON && rest.slice(0, 4).toLowerCase() === 'ext=') {
    const extDigits = asciiDigits(rest.slice(4));
    return { ok: true, digits, plus, ext: extDigits === '' ? ext : extDigits };
  }
  const lower = c | 0x20;
  const isPause = c === COMMA || c === SEMICOLON || lower === 0x70 || lower === 0x77;
  if (isPause && isPostDial(rest)) {
    return { ok: true, digits, plus, ext: firstDigitRun(rest) ?? ext };
  }
  const label = EXT_LABEL.exec(s.slice(i));
  if (label?.[1] !== undefined) return { ok: true, digits, plus, ext: asciiDigits(label[1]) };
  return { ok: false, reason: REASON_LETTERS };
}

/**
 * `tel:` URIs (RFC 3966), as vCard 4 writes them: the number before the first `;`, then parameters. A local number
 * with `phone-context=+44-20` is completed from the context; a domain-name context cannot be resolved and is ignored,
 * so the number falls back to the default region.
 */
function fromTelUri(s: string): { number: string; ext: string | null } {
  const body = s.slice(4);
  const semi = body.indexOf(';');
  if (semi < 0) return { number: body, ext: null };
  let number = body.slice(0, semi);
  let ext: string | null = null;
  for (const param of body.slice(semi + 1).split(';')) {
    const eq = param.indexOf('=');
    const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : param.slice(eq + 1).trim();
    if (name === 'ext') ext = asciiDigits(value) || null;
    else if (name === 'phone-context' && value.startsWith('+')) number = value + number;
  }
  return { number, ext };
}

function startsWithTel(s: string): boolean {
  return (s.charCodeAt(0) | 0x20) === 0x74 && s.length > 4 && s.slice(0, 4).toLowerCase() === 'tel:';
}

export function scanPhone(raw: string): Scan {
  if (typeof raw !== 'string') return { ok: false, reason: REASON_NOT_A_NUMBER };
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: REASON_TOO_LONG_TEXT };
  let s = raw.trim();
  if (s === '') return { ok: false, reason: REASON_EMPTY };
  let ext: string | null = null;
  if (startsWithTel(s)) {
    const uri = fromTelUri(s);
    s = uri.number.trim();
    ext = uri.ext;
  }

  let digits = '';
  let plus = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      digits += s[i];
      continue;
    }
    if (isSeparator(c)) continue;
    const d = digitValue(c);
    if (d >= 0) {
      digits += String.fromCharCode(0x30 + d);
      continue;
    }
    if (c === PLUS || c === FULLWIDTH_PLUS) {
      // One plus, before the first digit (`(+44) …` is fine); `++` or a plus mid-number is not a number.
      if (plus || digits !== '') return { ok: false, reason: REASON_NOT_A_NUMBER };
      plus = true;
      continue;
    }
    return scanTail(s, i, digits, plus, ext);
  }
  if (digits === '') return { ok: false, reason: s === '' ? REASON_EMPTY : REASON_NOT_A_NUMBER };
  return { ok: true, digits, plus, ext };
}
