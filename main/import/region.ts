import type { CountryCode } from 'libphonenumber-js/max';
import { t } from '../../i18n/index.ts';
import { isRegionCode, normalizePhone, regionOfNumber } from '../phone/index.ts';
import type { Db } from '../store/open.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { renormalizeAll } from './renormalize.ts';

export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingError';
  }
}

export interface RegionChoice {
  /** The user's own number, E.164. */
  me?: string | undefined;
  /** An explicit default region (ISO 3166 alpha-2); given together with `me`, it wins over the number's region. */
  region?: string | undefined;
}

export interface RegionState {
  region: CountryCode | null;
  ownNumber: string | null;
  /** Phones re-normalized because the default region changed. */
  renormalized: number;
}

/** Check a choice before anything is stored: the own number must be valid E.164, the region a known code. */
export function validateRegionChoice(choice: RegionChoice): { me?: string; region?: CountryCode } {
  const out: { me?: string; region?: CountryCode } = {};
  if (choice.me !== undefined) {
    const n = normalizePhone(choice.me, null);
    if (n.status !== 'valid' || !n.e164) {
      throw new SettingError(t('import.region.badMe', { me: choice.me, reason: n.reason }));
    }
    out.me = n.e164;
  }
  if (choice.region !== undefined) {
    const code = choice.region.toUpperCase();
    if (!isRegionCode(code)) throw new SettingError(t('import.region.badRegion', { region: choice.region }));
    out.region = code;
  }
  return out;
}

/**
 * Store the user's own number and/or region and return the default region in force. When it changes, everything
 * already stored is re-normalized first, so one database never mixes two defaults.
 */
export function applyRegionChoice(db: Db, choice: RegionChoice): RegionState {
  const valid = validateRegionChoice(choice);
  let ownNumber = getSetting(db, 'own_number');
  let explicit = getSetting(db, 'region');
  if (valid.me) {
    ownNumber = valid.me;
    // The newest choice wins: a new own number replaces an earlier explicit region.
    if (!valid.region) explicit = null;
  }
  if (valid.region) explicit = valid.region;
  const before = effectiveRegion(getSetting(db, 'own_number'), getSetting(db, 'region'));
  const after = effectiveRegion(ownNumber, explicit);
  setSetting(db, 'own_number', ownNumber);
  setSetting(db, 'region', explicit);
  const renormalized = before === after ? 0 : renormalizeAll(db, after).changed;
  return { region: after, ownNumber, renormalized };
}

/** The default region in force: the explicit one, else the own number's. */
export function defaultRegion(db: Db): CountryCode | null {
  return effectiveRegion(getSetting(db, 'own_number'), getSetting(db, 'region'));
}

function effectiveRegion(ownNumber: string | null, explicit: string | null): CountryCode | null {
  if (explicit && isRegionCode(explicit)) return explicit;
  return ownNumber ? regionOfNumber(ownNumber) : null;
}
