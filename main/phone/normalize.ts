/**
 * Phone numbers to E.164.
 *
 * Upload policy, which everything downstream relies on:
 * - Only `valid` numbers are ever uploaded, and only their `e164` is the match key (never the extension).
 * - `possible` numbers (a plausible length for their region, but not a number that region assigns) stay on the
 *   device with their `candidate`, for display only, and their `reason`, which is shown to the user. They are never
 *   uploaded and never matched.
 * - Short codes and service numbers (112, 911, *121#, 3–6 digit numbers dialled nationally) are never uploaded.
 * - Everything else is `invalid`, kept locally with its reason.
 * - A `valid` number with `check` set is held back: written without a country code, it reads as a service number
 *   only because of the home default (see check.ts). It is uploaded once the user confirms or changes its country.
 *
 * Validity comes from libphonenumber-js with its `max` metadata, the build whose verdicts match Google's
 * libphonenumber; the smaller metadata calls numbers valid that Google rejects.
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { checkKindOf, startsInternational, type CheckKind } from './check.ts';
import { hasShortNumbers, toRegion } from './regions.ts';
import { REASON_NOT_A_NUMBER, REASON_SHORT_CODE, scanPhone } from './scan.ts';
import { t, type MessageId } from '../../i18n/index.ts';

export type PhoneStatus = 'valid' | 'possible' | 'invalid';

export interface NormalizedPhone {
  /** E.164 when status is 'valid', else null. */
  e164: string | null;
  /** Best-effort E.164-shaped form of a 'possible' number, for display only; else null. */
  candidate: string | null;
  /** Extension (or first group of post-dial digits), kept but never part of the match key. */
  ext: string | null;
  status: PhoneStatus;
  /** Why the number got its status, in words fit to show the user. */
  reason: string;
  /**
   * Present only on a `valid` number to check: written without a country code, it reads as this kind of service
   * number because of the home default alone. It is not uploaded until the user confirms or changes its country.
   */
  check?: CheckKind;
}

/** Countries the user chose for numbers written without a country code, by their digits as written. */
export type ChosenCountries = ReadonlyMap<string, CountryCode>;

// Reasons without arguments are formatted once: normalization runs for every number of every import.
const TOO_SHORT = t('phone.reason.tooShort');
const TOO_LONG = t('phone.reason.tooLong');
const NO_LENGTH = t('phone.reason.noLength');
const UNKNOWN_COUNTRY_CODE = t('phone.reason.unknownCountryCode');
const NOT_VALID = t('phone.reason.notValid');
const NO_REGION = t('phone.reason.noRegion');

/**
 * A reason that depends on a type or a region ("valid mobile number (GB)"), formatted once: almost every number
 * gets one, from a few dozen texts.
 */
const reasons = new Map<string, string>();

function reasonFor(id: MessageId, values: Record<string, string>): string {
  const key = `${id} ${Object.values(values).join(' ')}`;
  let reason = reasons.get(key);
  if (reason === undefined) {
    reason = t(id, values);
    reasons.set(key, reason);
  }
  return reason;
}

const RANK: Record<PhoneStatus, number> = { invalid: 0, possible: 1, valid: 2 };

function invalid(reason: string, ext: string | null): NormalizedPhone {
  return { e164: null, candidate: null, ext, status: 'invalid', reason };
}

/** Region for messages: the number's own, else the main one for its calling code, else the code itself (+800). */
function regionLabel(n: PhoneNumber): string {
  return n.country ?? n.getPossibleCountries()[0] ?? `+${n.countryCallingCode}`;
}

/** Only reached for numbers that failed, so the second look at the text costs nothing on the common path. */
function failureReason(text: string, region: CountryCode | undefined, n: PhoneNumber | undefined): string {
  switch (validatePhoneNumberLength(text, region)) {
    case 'TOO_SHORT':
      return TOO_SHORT;
    case 'TOO_LONG':
      return TOO_LONG;
    case 'INVALID_LENGTH':
      return n === undefined ? NO_LENGTH : t('phone.reason.noLengthIn', { region: regionLabel(n) });
    case 'INVALID_COUNTRY':
      return UNKNOWN_COUNTRY_CODE;
    case 'NOT_A_NUMBER':
      return REASON_NOT_A_NUMBER;
    default:
      return NOT_VALID;
  }
}

/**
 * One libphonenumber parse of ASCII digits (with a leading `+` for international form). `fromDefault`: the text has
 * no country code and the region is the home default, so a service-number reading needs checking.
 */
function classify(
  text: string,
  region: CountryCode | undefined,
  ext: string | null,
  fromDefault = false,
): NormalizedPhone {
  const n = parsePhoneNumberFromString(text, region);
  if (n === undefined) return invalid(failureReason(text, region, undefined), ext);
  // With max metadata a number is valid exactly when it has a type, so this one call answers both questions.
  const type = n.getType();
  if (type !== undefined) {
    const valid: NormalizedPhone = {
      e164: n.number,
      candidate: null,
      ext,
      status: 'valid',
      reason: reasonFor('phone.reason.valid', { type, region: regionLabel(n) }),
    };
    const check = fromDefault ? checkKindOf(type) : null;
    if (check) valid.check = check;
    return valid;
  }
  if (n.isPossible()) {
    return {
      e164: null,
      candidate: n.number,
      ext,
      status: 'possible',
      reason: reasonFor('phone.reason.possible', { region: regionLabel(n) }),
    };
  }
  return invalid(failureReason(text, region, n), ext);
}

/**
 * Normalizes one raw phone value (as typed, exported, or a `tel:` URI) against the user's home region, or against
 * the country the user chose for these digits (`chosen`). Never throws.
 */
export function normalizePhone(
  raw: string,
  region: CountryCode | null,
  chosen: ChosenCountries | null = null,
): NormalizedPhone {
  const scan = scanPhone(raw);
  if (!scan.ok) return invalid(scan.reason, null);
  const { digits, ext } = scan;
  if (scan.plus) return classify('+' + digits, undefined, ext);

  if (digits.length < 3) return invalid(TOO_SHORT, ext);
  const picked = chosen?.get(digits);
  const home = toRegion(picked ?? region);
  const shortPlan = home !== null && hasShortNumbers(home);
  if (digits.length <= 6 && !shortPlan) return invalid(REASON_SHORT_CODE, ext);

  // `00` is the international prefix almost everywhere and how people write foreign numbers wherever they live, but
  // libphonenumber only honours the region's own prefix (011 in North America, 010 in Japan). The region's reading
  // goes first; `+` is tried only when that does not give a valid number.
  const intl00 = digits.charCodeAt(0) === 0x30 && digits.charCodeAt(1) === 0x30;
  if (home === null) {
    if (intl00) return classify('+' + digits.slice(2), undefined, ext);
    return invalid(
      region === null || region === undefined
        ? NO_REGION
        : reasonFor('phone.reason.unknownRegion', { region: String(region) }),
      ext,
    );
  }

  // A country the user gave the number is never the default's guess, and neither is a number dialled internationally.
  const national = classify(digits, home, ext, picked === undefined && !startsInternational(digits, home));
  if (shortPlan && digits.length <= 6 && national.status !== 'valid') return invalid(REASON_SHORT_CODE, ext);
  if (national.status === 'valid' || !intl00) return national;
  const international = classify('+' + digits.slice(2), undefined, ext);
  return RANK[international.status] >= RANK[national.status] ? international : national;
}

/** The region of a number in international form (the user's own, +44… → GB), or null if it has none. */
export function regionOfNumber(e164: string): CountryCode | null {
  if (typeof e164 !== 'string') return null;
  const n = parsePhoneNumberFromString(e164);
  if (n === undefined) return null;
  // An unassigned number still belongs to its calling code's main region, whose parsing rules it shares.
  return n.country ?? n.getPossibleCountries()[0] ?? null;
}

/** True for a region code libphonenumber supports, in any letter case ('GB', 'us'). */
export function isRegionCode(s: string): s is CountryCode {
  return toRegion(s) !== null;
}

/** National format when the number belongs to the home region, international otherwise. */
export function formatForDisplay(e164: string, homeRegion: CountryCode | null): string {
  if (typeof e164 !== 'string') return '';
  const n = parsePhoneNumberFromString(e164);
  if (n === undefined) return e164;
  const home = toRegion(homeRegion);
  return home !== null && n.country === home ? n.formatNational() : n.formatInternational();
}
