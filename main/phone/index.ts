export { formatForDisplay, isRegionCode, normalizePhone, regionOfNumber } from './normalize.ts';
export type { NormalizedPhone, PhoneStatus } from './normalize.ts';
export type { CountryCode } from 'libphonenumber-js/max';
