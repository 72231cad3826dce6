import type { CountryCode } from 'libphonenumber-js/max';
import type { Db } from './open.ts';
import type { NumberCountryRow } from './types.ts';

/**
 * The countries the user chose for numbers written without a country code, by their digits as written ("905 555
 * 1234" → 9055551234). A choice applies wherever those digits appear without a country code, in any contact, and
 * survives re-imports. Codes are checked before they are stored.
 */
export function chosenCountries(db: Db): Map<string, CountryCode> {
  const rows = db.prepare('SELECT digits, country FROM number_countries').all() as NumberCountryRow[];
  return new Map(rows.map((r) => [r.digits, r.country as CountryCode]));
}

/** Stores the choice for each of `digits`, or forgets it (`null`: the home default applies again). */
export function setChosenCountry(db: Db, digits: Iterable<string>, country: CountryCode | null, now: number): void {
  const write =
    country === null
      ? db.prepare('DELETE FROM number_countries WHERE digits = ?')
      : db.prepare(
          `INSERT INTO number_countries (digits, country, chosen_at) VALUES (?, ?, ?)
           ON CONFLICT (digits) DO UPDATE SET country = excluded.country, chosen_at = excluded.chosen_at`,
        );
  for (const d of digits) {
    if (country === null) write.run(d);
    else write.run(d, country, now);
  }
}

/** How many phones wait for the user to check their country. */
export function toCheckCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM phones WHERE to_check IS NOT NULL').pluck().get() as number;
}
