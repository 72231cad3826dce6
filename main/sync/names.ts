/**
 * What the app shows for a registered contact: the name the user saved, never anything from the server.
 *
 * When several contacts hold the number, the shown name is the first non-empty name in case-insensitive order,
 * ties going to the contact stored first. That depends only on the address book, so it is the same on every run.
 * Without a saved name the number is shown formatted: national at home, international otherwise.
 *
 * Lists of numbers (the upload log, the excluded numbers) show each number formatted that way, with the saved name
 * of a contact who holds it beside it, and how many other contacts hold it too.
 */
import { formatForDisplay } from '../phone/index.ts';
import type { Db } from '../store/open.ts';
import { defaultRegion } from '../import/region.ts';
import { shownContactSql } from '../store/shown-contact.ts';
import { cachedStatement } from '../store/statements.ts';

export interface JoinedContact {
  name: string;
  e164: string;
  /** The number formatted for display, as the Contacts screen shows it. */
  display: string;
  /** How many other contacts hold the number too (0 without a saved name). */
  others: number;
  /** True when `name` is the saved name, false when it is the formatted number. */
  saved: boolean;
  userId: string;
  since: number | null;
}

const SAVED_NAME = shownContactSql('n.e164', 'c.name');

const HOLDERS = `SELECT count(DISTINCT p.contact_id) FROM phones p JOIN contacts c ON c.id = p.contact_id
  WHERE p.e164 = n.e164 AND c.excluded = 0`;

export function joinedContacts(db: Db): JoinedContact[] {
  const home = defaultRegion(db);
  const rows = db
    .prepare(
      `SELECT n.e164, n.registered_user_id AS userId, n.registered_at AS since, (${SAVED_NAME}) AS name,
         (${HOLDERS}) AS holders
       FROM numbers n WHERE n.registered_user_id IS NOT NULL AND n.refs > 0`,
    )
    .all() as Array<{ e164: string; userId: string; since: number | null; name: string | null; holders: number }>;
  return rows
    .map((r) => {
      const display = formatForDisplay(r.e164, home);
      return {
        name: r.name ?? display,
        e164: r.e164,
        display,
        others: r.name !== null ? Math.max(0, r.holders - 1) : 0,
        saved: r.name !== null,
        userId: r.userId,
        since: r.since,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.e164.localeCompare(b.e164));
}

/** The display name for one number (for a notification), or null when no contact holds it. */
export function displayName(db: Db, e164: string): string | null {
  const row = db.prepare(`SELECT (${SAVED_NAME}) AS name, n.refs FROM numbers n WHERE n.e164 = ?`).get(e164) as
    { name: string | null; refs: number } | undefined;
  if (!row || row.refs === 0) return null;
  return row.name ?? formatForDisplay(e164, defaultRegion(db));
}

export interface NamedNumber {
  e164: string;
  /** Formatted for display, as the Contacts screen shows it. */
  display: string;
  /** The saved name of a contact who holds the number (chosen as above, excluded contacts too), or null. */
  name: string | null;
  /** How many other contacts hold the number too (0 without a saved name). */
  others: number;
}

const NAMES_OF = `SELECT x.value AS e164,
    (${shownContactSql('x.value', 'c.name', { withExcluded: true })}) AS name,
    (SELECT count(DISTINCT p.contact_id) FROM phones p WHERE p.e164 = x.value) AS holders
  FROM json_each(?) x ORDER BY x.key`;

/** Each number, in the order given, with the name saved for it. Names stay on this device: this is local only. */
export function namedNumbers(db: Db, e164s: readonly string[]): NamedNumber[] {
  if (e164s.length === 0) return [];
  const home = defaultRegion(db);
  const rows = cachedStatement(db, NAMES_OF).all(JSON.stringify(e164s)) as Array<{
    e164: string;
    name: string | null;
    holders: number;
  }>;
  return rows.map((r) => ({
    e164: r.e164,
    display: formatForDisplay(r.e164, home),
    name: r.name,
    others: r.name !== null ? Math.max(0, r.holders - 1) : 0,
  }));
}

export interface ExcludedContact {
  id: number;
  name: string;
  /** The first number, formatted as the Contacts screen shows it (its raw text when it has no E.164 form). */
  phone: string;
  /** How many numbers the contact has. */
  phones: number;
}

/** Contacts kept off the server, in the Contacts screen's order. */
export function excludedContacts(db: Db): ExcludedContact[] {
  const home = defaultRegion(db);
  const rows = db
    .prepare(
      `SELECT c.id, c.name, first.e164, first.raw, (SELECT count(*) FROM phones p WHERE p.contact_id = c.id) AS phones
       FROM contacts c LEFT JOIN phones first ON first.contact_id = c.id AND first.position = 0
       WHERE c.excluded = 1 ORDER BY c.sort_name, c.id`,
    )
    .all() as Array<{ id: number; name: string; e164: string | null; raw: string | null; phones: number }>;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.e164 ? formatForDisplay(r.e164, home) : (r.raw ?? ''),
    phones: r.phones,
  }));
}
