import type { PhoneCountry } from '../../import/countries.ts';

/** The line the CLI prints under a number to check: why it waits, and the two ways out. */
export function checkHint(raw: string, check: NonNullable<PhoneCountry['check']>): string {
  const hint =
    `Check the country: without a country code this reads as a ${check.home} ${check.kind} number, and it is not ` +
    `uploaded until you confirm it (kith number '${raw}' --confirm) or give its country (--country CC).`;
  const s = check.suggestion;
  return s ? `${hint} It looks like a number in ${s.country}: ${s.e164} (--country ${s.country}).` : hint;
}
