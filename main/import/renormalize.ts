import type { CountryCode } from 'libphonenumber-js/max';
import { normalizePhone, type ChosenCountries } from '../phone/index.ts';
import { chosenCountries } from '../store/countries.ts';
import { recountNumbers } from '../store/numbers.ts';
import type { Db } from '../store/open.ts';
import type { PhoneRow } from '../store/types.ts';

/** The columns `renormalizePhones` reads. */
export const PHONE_COLUMNS = 'contact_id, position, raw, e164, candidate, ext, status, reason, to_check';

/**
 * Re-run normalization over every stored phone for a new default region. Rows whose result changes are rewritten;
 * the touched numbers are recounted, so numbers that no longer come out the same become pending removal.
 */
export function renormalizeAll(
  db: Db,
  region: CountryCode | null,
  now = Date.now(),
): { checked: number; changed: number } {
  const rows = db.prepare(`SELECT ${PHONE_COLUMNS} FROM phones`).all() as PhoneRow[];
  return renormalizePhones(db, rows, region, chosenCountries(db), now);
}

/** Re-run normalization over `rows` (as read from `phones`), in one transaction with the recount. */
export function renormalizePhones(
  db: Db,
  rows: readonly PhoneRow[],
  region: CountryCode | null,
  chosen: ChosenCountries,
  now: number,
): { checked: number; changed: number } {
  const update = db.prepare(
    `UPDATE phones SET e164 = ?, candidate = ?, ext = ?, status = ?, reason = ?, to_check = ?
     WHERE contact_id = ? AND position = ?`,
  );
  let changed = 0;
  const touched = new Set<string>();
  db.transaction(() => {
    for (const row of rows) {
      const n = normalizePhone(row.raw, region, chosen);
      const check = n.check ?? null;
      if (
        n.e164 === row.e164 &&
        n.candidate === row.candidate &&
        n.ext === row.ext &&
        n.status === row.status &&
        n.reason === row.reason &&
        check === row.to_check
      )
        continue;
      update.run(n.e164, n.candidate, n.ext, n.status, n.reason, check, row.contact_id, row.position);
      if (row.e164) touched.add(row.e164);
      if (n.e164) touched.add(n.e164);
      changed++;
    }
    recountNumbers(db, touched, now);
  }).immediate();
  return { checked: rows.length, changed };
}
