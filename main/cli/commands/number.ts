import { t } from '../../../i18n/index.ts';
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

export const numberUsage = t('cli.usage.number');

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
  if (positionals.length === 0) throw new UsageError(t('cli.number.name'));
  if (values.country !== undefined && values.confirm) throw new UsageError(t('cli.number.both'));
  if (values.country !== undefined && !isRegionCode(values.country))
    throw new CliError(t('cli.number.unknownCountry', { country: values.country }), 2);
  const text = positionals.join(' ');
  const db = openStore(resolveDbPath(values.db));
  try {
    const keys = keysFor(db, text);
    if (values.confirm || values.country !== undefined) {
      const country = values.country?.toUpperCase() ?? defaultRegion(db);
      if (!country) throw new CliError(t('cli.number.noHome'));
      const change = setDigitsCountry(db, keys, country);
      const said = { country, text, count: change.changed };
      console.log(t(values.confirm ? 'cli.number.confirmed' : 'cli.number.countrySet', said));
    }
    const countryOf = countryReader(db);
    for (const p of phonesWithKeys(db, keys)) {
      const country = countryOf(p);
      const shown = p.e164 ?? p.candidate ?? '—';
      const line = { name: p.name || t('cli.noName'), raw: p.raw, shown, status: p.status, reason: p.reason };
      if (country.chosen) console.log(t('cli.number.phoneChosen', { ...line, country: country.chosen }));
      else console.log(t('cli.number.phone', line));
      if (country.check) console.log(t('cli.number.hint', { hint: checkHint(p.raw, country.check) }));
    }
    return 0;
  } catch (err) {
    if (err instanceof CountryChoiceError)
      throw new CliError(t('cli.error', { command: 'number', message: err.message }));
    throw err;
  } finally {
    db.close();
  }
}
