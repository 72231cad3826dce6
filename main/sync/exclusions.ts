/**
 * Exclusions: a contact (by name) or a number the user keeps to themselves. An excluded number counts as held by
 * nobody, so the next sync removes it from the server, and it is never sent again while excluded.
 */
import { normalizePhone } from '../phone/index.ts';
import { setExcluded } from '../store/contacts.ts';
import { recountNumbers } from '../store/numbers.ts';
import type { Db } from '../store/open.ts';
import { defaultRegion } from '../import/region.ts';
import { t } from '../../i18n/index.ts';

export type ExclusionTarget =
  { kind: 'number'; e164: string; changed: boolean } | { kind: 'contacts'; names: string[]; changed: number };

export class ExclusionError extends Error {}

/** Looks like a phone number rather than a name: digits and phone punctuation only. */
function looksLikeNumber(query: string): boolean {
  return /^[+\d\s().-]+$/.test(query) && /\d{3}/.test(query);
}

export function setExclusion(db: Db, query: string, excluded: boolean, now: number): ExclusionTarget {
  const q = query.trim();
  if (!q) throw new ExclusionError(t('sync.exclude.empty'));
  if (looksLikeNumber(q)) {
    const n = normalizePhone(q, defaultRegion(db));
    if (n.status !== 'valid' || !n.e164)
      throw new ExclusionError(t('sync.exclude.invalidNumber', { number: q, reason: n.reason }));
    const e164 = n.e164;
    const changed = db.transaction(() => {
      const changes = excluded
        ? db.prepare('INSERT OR IGNORE INTO excluded_numbers (e164, excluded_at) VALUES (?, ?)').run(e164, now).changes
        : db.prepare('DELETE FROM excluded_numbers WHERE e164 = ?').run(e164).changes;
      recountNumbers(db, [e164], now);
      return changes > 0;
    })();
    return { kind: 'number', e164, changed };
  }
  const contacts = findContacts(db, q);
  let changed = 0;
  for (const c of contacts) if (setExcluded(db, c.id, excluded, now)) changed++;
  return { kind: 'contacts', names: [...new Set(contacts.map((c) => c.name))], changed };
}

/** Exact name matches (case-insensitive); failing that, the one contact whose name contains the query. */
function findContacts(db: Db, q: string): Array<{ id: number; name: string }> {
  const exact = db.prepare('SELECT id, name FROM contacts WHERE name = ? COLLATE NOCASE ORDER BY id').all(q) as Array<{
    id: number;
    name: string;
  }>;
  if (exact.length > 0) return exact;
  const like = db
    .prepare(`SELECT id, name FROM contacts WHERE instr(lower(name), lower(?)) > 0 ORDER BY name LIMIT 6`)
    .all(q) as Array<{ id: number; name: string }>;
  if (like.length === 0) throw new ExclusionError(t('sync.exclude.noContact', { name: q }));
  const names = new Set(like.map((c) => c.name));
  if (names.size > 1) {
    const shown = [...names].slice(0, 5).join(', ');
    throw new ExclusionError(
      t('sync.exclude.several', { name: q, names: shown, more: like.length > 5 ? 'yes' : 'no' }),
    );
  }
  return like;
}

export function excludedNumbers(db: Db): string[] {
  return db.prepare('SELECT e164 FROM excluded_numbers ORDER BY e164').pluck().all() as string[];
}
