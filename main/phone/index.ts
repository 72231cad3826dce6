export { formatForDisplay, isRegionCode, normalizePhone, regionOfNumber } from './normalize.ts';
export type { ChosenCountries, NormalizedPhone, PhoneStatus } from './normalize.ts';
export { startsInternational, suggestCountry } from './check.ts';
export type { CheckKind, CountrySuggestion } from './check.ts';
export type { CountryCode } from 'libphonenumber-js/max';
