/**
 * What the app shows for a registered contact: the name the user saved, never anything from the server.
 *
 * When several contacts hold the number, the shown name is the first non-empty name in case-insensitive order,
 * ties going to the contact stored first. That depends only on the address book, so it is the same on every run.
 * Without a saved name the number is shown formatted: national at home, international otherwise.
 */
import { formatForDisplay } from '../phone/index.ts';
import type { Db } from '../store/open.ts';
import { defaultRegion } from '../import/region.ts';

export interface JoinedContact {
  name: string;
  e164: string;
  /** True when `name` is the saved name, false when it is the formatted number. */
  saved: boolean;
  userId: string;
  since: number | null;
}

const SAVED_NAME = `SELECT c.name FROM phones p JOIN contacts c ON c.id = p.contact_id
  WHERE p.e164 = n.e164 AND c.excluded = 0 AND trim(c.name) <> ''
  ORDER BY c.name COLLATE NOCASE, c.id LIMIT 1`;

export function joinedContacts(db: Db): JoinedContact[] {
  const home = defaultRegion(db);
  const rows = db
    .prepare(
      `SELECT n.e164, n.registered_user_id AS userId, n.registered_at AS since, (${SAVED_NAME}) AS name
       FROM numbers n WHERE n.registered_user_id IS NOT NULL AND n.refs > 0`,
    )
    .all() as Array<{ e164: string; userId: string; since: number | null; name: string | null }>;
  return rows
    .map((r) => ({
      name: r.name ?? formatForDisplay(r.e164, home),
      e164: r.e164,
      saved: r.name !== null,
      userId: r.userId,
      since: r.since,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.e164.localeCompare(b.e164));
}

/** The display name for one number (for a notification), or null when no contact holds it. */
export function displayName(db: Db, e164: string): string | null {
  const row = db.prepare(`SELECT (${SAVED_NAME}) AS name, n.refs FROM numbers n WHERE n.e164 = ?`).get(e164) as
    { name: string | null; refs: number } | undefined;
  if (!row || row.refs === 0) return null;
  return row.name ?? formatForDisplay(e164, defaultRegion(db));
}
