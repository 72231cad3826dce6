import {
  countryReader,
  CountryChoiceError,
  keysFor,
  phonesWithKeys,
  setDigitsCountry,
} from '../../import/countries.ts';
import { defaultRegion } from '../../import/region.ts';
import { isRegionCode } from '../../phone/index.ts';
import { openStore } from '../../store/open.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';
import { checkHint } from './check-hint.ts';

export const numberUsage = 'kith number <number|+E164> [--country CC | --confirm] [--db PATH]';

/**
 * Shows how a number written without a country code is read, and sets its country: `--country CC` reads it as a
 * number of CC, `--confirm` keeps the home reading of a number to check. Either way it is uploaded if valid.
 */
export function runNumber(argv: string[]): number {
  const { values, positionals } = parseCommand('number', argv, {
    ...dbOption,
    country: { type: 'string' },
    confirm: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('kith number: name a number, as written or as +E164');
  if (values.country !== undefined && values.confirm)
    throw new UsageError('kith number: give either --country CC or --confirm, not both');
  if (values.country !== undefined && !isRegionCode(values.country))
    throw new CliError(`kith number: --country ${values.country}: not a known ISO 3166 country code`, 2);
  const text = positionals.join(' ');
  const db = openStore(resolveDbPath(values.db));
  try {
    const keys = keysFor(db, text);
    if (values.confirm || values.country !== undefined) {
      const country = values.country?.toUpperCase() ?? defaultRegion(db);
      if (!country) throw new CliError('kith number: there is no home country to confirm (kith import --region CC)');
      const change = setDigitsCountry(db, keys, country);
      const what = values.confirm ? `Confirmed ${country} for` : `Set the country to ${country} for`;
      console.log(`${what} ${text}: ${change.changed} stored number${change.changed === 1 ? '' : 's'} read again.`);
    }
    const countryOf = countryReader(db);
    for (const p of phonesWithKeys(db, keys)) {
      const country = countryOf(p);
      const shown = p.e164 ?? p.candidate ?? '—';
      const chosen = country.chosen ? `  (country ${country.chosen}, chosen)` : '';
      console.log(`${p.name || '(no name)'}: ${p.raw} → ${shown}  [${p.status}] ${p.reason}${chosen}`);
      if (country.check) console.log(`  ${checkHint(p.raw, country.check)}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof CountryChoiceError) throw new CliError(`kith number: ${err.message}`);
    throw err;
  } finally {
    db.close();
  }
}
