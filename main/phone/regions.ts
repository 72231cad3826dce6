/** Region codes: lookup that tolerates lower case, and the few numbering plans with very short numbers. */
import { getCountries } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

const regions = new Map<string, CountryCode>();
for (const code of getCountries()) {
  regions.set(code, code);
  regions.set(code.toLowerCase(), code);
}

/** The supported region for `GB`, `gb` or `Gb`; null for anything libphonenumber does not know. */
export function toRegion(s: string | null | undefined): CountryCode | null {
  if (typeof s !== 'string') return null;
  return regions.get(s) ?? regions.get(s.toUpperCase()) ?? null;
}

/**
 * Territories whose ordinary (mobile) numbers have six digits or fewer, so a short national number there is a
 * person, not a service. Everywhere else a 3–6 digit number dialled without a country code is a short code or a
 * local number missing its area code — libphonenumber would accept some of those (Vienna `12345`, Berlin `30123`)
 * as fixed lines. These are the regions whose example mobile number in libphonenumber's metadata is that short.
 */
const SHORT_NUMBER_PLANS: ReadonlySet<CountryCode> = new Set<CountryCode>([
  'AC', // Ascension Island
  'AD', // Andorra
  'CK', // Cook Islands
  'FK', // Falkland Islands
  'FO', // Faroe Islands
  'GL', // Greenland
  'NC', // New Caledonia
  'NF', // Norfolk Island
  'PM', // Saint Pierre and Miquelon
  'SH', // Saint Helena
  'TA', // Tristan da Cunha
  'TK', // Tokelau
  'TV', // Tuvalu
  'WF', // Wallis and Futuna
]);

export function hasShortNumbers(region: CountryCode): boolean {
  return SHORT_NUMBER_PLANS.has(region);
}

export const shortNumberPlans: readonly CountryCode[] = [...SHORT_NUMBER_PLANS];
