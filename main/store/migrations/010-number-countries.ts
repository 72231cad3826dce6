import type { Database } from 'better-sqlite3';
import { normalizePhone, regionOfNumber } from '../../phone/index.ts';
import { toRegion } from '../../phone/regions.ts';
import { recountNumbers } from '../numbers.ts';
import type { Migration } from './types.ts';

/**
 * Numbers to check, and the countries the user gives numbers written without a country code.
 *
 * `phones.to_check` marks a valid number whose country came from the home default alone and that reads as a service
 * number (see main/phone/check.ts); such a phone holds no reference to its number, so it is not uploaded.
 * `number_countries` keeps the user's choice per digits as written, so that it applies in every contact and survives
 * re-imports.
 *
 * Stored numbers are checked once here. One that was already uploaded and turns out to be to check is queued for
 * removal from the server: it stays off until the user confirms it.
 */
export const numberCountries: Migration = {
  version: 10,
  name: 'number-countries',
  sql: `
ALTER TABLE phones ADD COLUMN to_check TEXT CHECK (to_check IS NULL OR status = 'valid');
CREATE INDEX phones_to_check ON phones(contact_id) WHERE to_check IS NOT NULL;

CREATE TABLE number_countries (
  digits TEXT PRIMARY KEY,
  country TEXT NOT NULL,
  chosen_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  after: checkStoredNumbers,
};

function checkStoredNumbers(db: Database): void {
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const explicit = toRegion(setting.get('region') as string | undefined);
  const own = setting.get('own_number') as string | undefined;
  const home = explicit ?? (own ? regionOfNumber(own) : null);
  if (home === null) return;
  const rows = db
    .prepare(`SELECT contact_id, position, raw, e164 FROM phones WHERE status = 'valid' AND raw NOT LIKE '+%'`)
    .all() as Array<{ contact_id: number; position: number; raw: string; e164: string }>;
  const mark = db.prepare('UPDATE phones SET to_check = ? WHERE contact_id = ? AND position = ?');
  const touched: string[] = [];
  for (const row of rows) {
    const n = normalizePhone(row.raw, home);
    // Only where the stored reading is the one the rule judged.
    if (n.check === undefined || n.e164 !== row.e164) continue;
    mark.run(n.check, row.contact_id, row.position);
    touched.push(row.e164);
  }
  recountNumbers(db, touched, Date.now());
}
