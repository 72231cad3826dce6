import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

export interface Country {
  code: string;
  name: string;
  callingCode: string;
}

/** Every region the number parser knows, named in the user's language, in name order. */
export function countries(locale?: string): Country[] {
  const names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(locale);
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code, callingCode: getCountryCallingCode(code) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** The region of the first preferred language that names one we know ("en-GB" → GB), else US. */
export function localeRegion(languages: readonly string[], known: ReadonlySet<string>): string {
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && known.has(region)) return region;
    } catch {
      // A malformed language tag: try the next one.
    }
  }
  return 'US';
}

/** A region's name in the user's language ("GB" → "United Kingdom"), or the code itself when it has none. */
export function countryName(code: string, locale?: string): string {
  return new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' }).of(code) ?? code;
}
