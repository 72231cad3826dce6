/**
 * Numbers whose country the user should check before they are uploaded.
 *
 * A number written without a country code gets its country from the home default alone. When that reading makes it a
 * service number (premium-rate, toll-free, shared-cost, universal access), it was most likely written for another
 * country: with the UK as home, the North American "905-555-1234" reads as a UK premium-rate line, and numbers in
 * some twenty US area codes (301–309, …) as UK universal-access numbers. Such a number is kept "to check" and never uploaded until the user confirms the
 * home reading or gives it another country. Numbers of types people hold (mobile, fixed, VoIP, personal, pager) are
 * not flagged: they are as likely to be right as any other.
 */
import { Metadata, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumberType } from 'libphonenumber-js/max';

export type CheckKind = 'premium-rate' | 'toll-free' | 'shared-cost' | 'universal access';

const CHECK_KINDS: Partial<Record<PhoneNumberType, CheckKind>> = {
  PREMIUM_RATE: 'premium-rate',
  TOLL_FREE: 'toll-free',
  SHARED_COST: 'shared-cost',
  UAN: 'universal access', // i18n-ignore: a `--json` value; the CLI and the app word it from the catalog
};

/** The kind of service a type is, when a number of that type read from the home default needs checking. */
export function checkKindOf(type: PhoneNumberType): CheckKind | null {
  return CHECK_KINDS[type] ?? null;
}

const metadata = new Metadata();
const iddPatterns = new Map<CountryCode, RegExp | null>();

/** The region's own international dialling prefix as a pattern anchored at the start (011 in North America). */
function iddPattern(region: CountryCode): RegExp | null {
  let re = iddPatterns.get(region);
  if (re === undefined) {
    metadata.selectNumberingPlan(region);
    const idd = metadata.numberingPlan?.IDDPrefix();
    re = idd ? new RegExp(`^(?:${idd})`) : null;
    iddPatterns.set(region, re);
  }
  return re;
}

/**
 * Whether digits written without `+` still carry a country code: they start with `00` (read as the international
 * prefix wherever the number lives) or with the home region's own international prefix (`011` in North America).
 */
export function startsInternational(digits: string, home: CountryCode | null): boolean {
  if (digits.startsWith('00')) return true;
  return home !== null && (iddPattern(home)?.test(digits) ?? false);
}

export interface CountrySuggestion {
  country: CountryCode;
  e164: string;
}

/** Types a person's own line has: what a suggested reading must be. */
const PERSON_TYPES: ReadonlySet<PhoneNumberType> = new Set<PhoneNumberType>([
  'MOBILE',
  'FIXED_LINE',
  'FIXED_LINE_OR_MOBILE',
]);

/** Ten digits with a valid area-code start, or the same after a leading 1: how North American numbers are written. */
function nanpShaped(digits: string): boolean {
  return /^1?[2-9]\d{9}$/.test(digits);
}

/**
 * The likeliest other country for national digits that read as a service number at home: the first of `candidates`
 * (the regions of the user's other numbers, most common first), then North America for a ten-digit number, in which
 * the same digits are a mobile or fixed-line number. Null when none is.
 */
export function suggestCountry(
  digits: string,
  home: CountryCode,
  candidates: Iterable<CountryCode>,
): CountrySuggestion | null {
  // Regions sharing a calling code read national digits alike; one try per code is enough.
  const tried = new Set<string>([getCountryCallingCode(home)]);
  const regions = [...candidates];
  if (nanpShaped(digits)) regions.push('US');
  for (const region of regions) {
    const code = getCountryCallingCode(region);
    if (tried.has(code)) continue;
    tried.add(code);
    if (startsInternational(digits, region)) continue;
    const n = parsePhoneNumberFromString(digits, region);
    const type = n?.getType();
    if (n && type && PERSON_TYPES.has(type)) return { country: n.country ?? region, e164: n.number };
  }
  return null;
}
