/**
 * The country of a number written without a country code: the home default unless the user chose one, for one
 * number, for every such number of a contact, or by confirming the home reading of a number to check.
 *
 * A choice is stored by the digits as written and applies wherever they appear without a country code. Making one
 * re-reads every phone with those digits and recounts their numbers in the same transaction, so the next sync uploads
 * what became valid and removes what no longer is.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { t } from '../../i18n/index.ts';
import {
  normalizePhone,
  regionOfNumber,
  startsInternational,
  suggestCountry,
  type CountrySuggestion,
} from '../phone/index.ts';
import { toRegion } from '../phone/regions.ts';
import { scanPhone } from '../phone/scan.ts';
import { chosenCountries, setChosenCountry } from '../store/countries.ts';
import type { Db } from '../store/open.ts';
import type { PhoneRow } from '../store/types.ts';
import { defaultRegion } from './region.ts';
import { PHONE_COLUMNS, renormalizePhones } from './renormalize.ts';

export class CountryChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CountryChoiceError';
  }
}

export interface CountryChange {
  /** The digits, as written, that the choice now applies to. */
  digits: string[];
  /** Phones that read differently afterwards. */
  changed: number;
}

/** The digits a choice is stored under for a number as written; null when it carries its own country code. */
export function choiceKey(raw: string, home: CountryCode | null): string | null {
  const scan = scanPhone(raw);
  if (!scan.ok || scan.plus || startsInternational(scan.digits, home)) return null;
  return scan.digits;
}

function regionOrThrow(country: string): CountryCode {
  const code = toRegion(country);
  if (!code) throw new CountryChoiceError(t('import.country.unknown', { country }));
  return code;
}

/**
 * Gives `digits` the country `country` (an ISO 3166 code), or the home default again (`null`), and re-reads every
 * phone written with them.
 */
export function setDigitsCountry(
  db: Db,
  digits: readonly string[],
  country: string | null,
  now = Date.now(),
): CountryChange {
  const code = country === null ? null : regionOrThrow(country);
  const wanted = new Set(digits);
  return db
    .transaction(() => {
      setChosenCountry(db, wanted, code, now);
      const home = defaultRegion(db);
      const rows = (db.prepare(`SELECT ${PHONE_COLUMNS} FROM phones`).all() as PhoneRow[]).filter((r) => {
        const key = choiceKey(r.raw, home);
        return key !== null && wanted.has(key);
      });
      const { changed } = renormalizePhones(db, rows, home, chosenCountries(db), now);
      return { digits: [...wanted], changed };
    })
    .immediate();
}

/** The country of one number of a contact (by its position in the contact). */
export function setPhoneCountry(
  db: Db,
  contactId: number,
  position: number,
  country: string | null,
  now = Date.now(),
): CountryChange {
  const raw = db
    .prepare('SELECT raw FROM phones WHERE contact_id = ? AND position = ?')
    .pluck()
    .get(contactId, position) as string | undefined;
  if (raw === undefined)
    throw new CountryChoiceError(t('import.country.noSuchNumber', { contact: contactId, position: position + 1 }));
  const key = choiceKey(raw, defaultRegion(db));
  if (key === null) throw new CountryChoiceError(t('import.country.hasCode', { raw }));
  return setDigitsCountry(db, [key], country, now);
}

/** The country of every number of a contact written without a country code. */
export function setContactCountry(db: Db, contactId: number, country: string | null, now = Date.now()): CountryChange {
  const home = defaultRegion(db);
  const raws = db.prepare('SELECT raw FROM phones WHERE contact_id = ?').pluck().all(contactId) as string[];
  const keys = raws.map((raw) => choiceKey(raw, home)).filter((k): k is string => k !== null);
  if (keys.length === 0) throw new CountryChoiceError(t('import.country.noneWithoutCode', { contact: contactId }));
  return setDigitsCountry(db, keys, country, now);
}

/**
 * The digits a number given on the command line stands for: as written (`905-555-1234`), or in international form
 * (`+449055551234`, the reading shown for it), which stands for every stored number written without a country code
 * that reads as it.
 */
export function keysFor(db: Db, text: string): string[] {
  const scan = scanPhone(text);
  if (!scan.ok) throw new CountryChoiceError(t('import.country.notANumber', { text, reason: scan.reason }));
  const home = defaultRegion(db);
  if (!scan.plus) {
    const key = choiceKey(text, home);
    const stored =
      key !== null &&
      (db.prepare(`SELECT raw FROM phones`).pluck().all() as string[]).some((raw) => choiceKey(raw, home) === key);
    if (!stored) throw new CountryChoiceError(t('import.country.noMatch', { text }));
    return [key];
  }
  const n = normalizePhone(text, null);
  const e164 = n.e164 ?? n.candidate;
  const raws =
    e164 === null
      ? []
      : (db.prepare('SELECT raw FROM phones WHERE ? IN (e164, candidate)').pluck().all(e164) as string[]);
  const keys = [...new Set(raws.map((raw) => choiceKey(raw, home)).filter((k): k is string => k !== null))];
  if (keys.length === 0) throw new CountryChoiceError(t('import.country.noReading', { e164: e164 ?? text }));
  return keys;
}

/** What the user sees of a number's country: whether one can be chosen, the one chosen, and the check. */
export interface PhoneCountry {
  /** False for a number written with its country code, whose country is its own. */
  choosable: boolean;
  chosen: CountryCode | null;
  check: { kind: string; home: CountryCode; suggestion: CountrySuggestion | null } | null;
}

/** Reads phones' countries against one snapshot of the store: the home default, the choices, the user's regions. */
export function countryReader(db: Db): (phone: Pick<PhoneRow, 'raw' | 'to_check'>) => PhoneCountry {
  const home = defaultRegion(db);
  const chosen = chosenCountries(db);
  let regions: CountryCode[] | null = null;
  return (phone) => {
    const key = choiceKey(phone.raw, home);
    const picked = key === null ? null : (chosen.get(key) ?? null);
    let check: PhoneCountry['check'] = null;
    if (phone.to_check !== null && home !== null && key !== null) {
      regions ??= userRegions(db);
      check = { kind: phone.to_check, home, suggestion: suggestCountry(key, home, regions) };
    }
    return { choosable: key !== null, chosen: picked, check };
  };
}

/** The regions of the numbers the user's address book holds, the most numbers first. */
function userRegions(db: Db): CountryCode[] {
  // The first digits after `+` never mix two calling codes (they are prefix-free); one sample per group names it.
  const groups = db
    .prepare('SELECT min(e164) AS sample, count(*) AS n FROM numbers WHERE refs > 0 GROUP BY substr(e164, 1, 4)')
    .all() as Array<{ sample: string; n: number }>;
  const counts = new Map<CountryCode, number>();
  for (const g of groups) {
    const region = regionOfNumber(g.sample);
    if (region) counts.set(region, (counts.get(region) ?? 0) + g.n);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([region]) => region);
}

export interface KeyedPhone extends Pick<PhoneRow, 'raw' | 'e164' | 'candidate' | 'status' | 'reason' | 'to_check'> {
  name: string;
}

/** Every stored phone written with one of `keys` and no country code, with its contact's name, in name order. */
export function phonesWithKeys(db: Db, keys: readonly string[]): KeyedPhone[] {
  const wanted = new Set(keys);
  const home = defaultRegion(db);
  const rows = db
    .prepare(
      `SELECT c.name, p.raw, p.e164, p.candidate, p.status, p.reason, p.to_check
       FROM phones p JOIN contacts c ON c.id = p.contact_id ORDER BY c.sort_name, c.id, p.position`,
    )
    .all() as KeyedPhone[];
  return rows.filter((r) => {
    const key = choiceKey(r.raw, home);
    return key !== null && wanted.has(key);
  });
}
