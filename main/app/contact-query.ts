/**
 * Pages of contacts for the UI: filtered, searched by name or number, in name order. The UI asks for windows of
 * rows as it scrolls, so 100,000 contacts never cross IPC at once.
 */
import type { ContactDetail, ContactPage, ContactQuery, ContactRowView, PhoneStatus } from '../ipc/contract.ts';
import { defaultRegion } from '../import/region.ts';
import { formatForDisplay } from '../phone/index.ts';
import type { Db } from '../store/open.ts';

const ON_KITH = `EXISTS (SELECT 1 FROM phones p JOIN numbers n ON n.e164 = p.e164
  WHERE p.contact_id = c.id AND n.registered_user_id IS NOT NULL AND n.refs > 0)`;

// The filters as sets of contact ids: one pass over the (indexed) matching phones, not one lookup per contact,
// which is what keeps a page of 100,000 contacts quick.
const ON_KITH_IDS = `SELECT p.contact_id FROM numbers n JOIN phones p ON p.e164 = n.e164
  WHERE n.registered_user_id IS NOT NULL AND n.refs > 0`;
const EXCLUDED_NUMBER_IDS = `SELECT p.contact_id FROM excluded_numbers x JOIN phones p ON p.e164 = x.e164`;

const FILTERS: Record<ContactQuery['filter'], string> = {
  all: '1',
  'on-kith': `c.excluded = 0 AND c.id IN (${ON_KITH_IDS})`,
  'not-on-kith': `c.id NOT IN (${ON_KITH_IDS})`,
  invalid: `c.id IN (SELECT contact_id FROM phones WHERE status <> 'valid')`,
  excluded: `(c.excluded = 1 OR c.id IN (${EXCLUDED_NUMBER_IDS}))`,
};

/** Name text, or digits matched against the E.164 form and the raw text. */
function searchClause(search: string): { sql: string; params: Record<string, string> } {
  const text = search.trim();
  if (!text) return { sql: '1', params: {} };
  const digits = text.replace(/[^\d]/g, '');
  const byName = `instr(lower(c.name), lower(@text)) > 0`;
  if (digits.length < 3) return { sql: byName, params: { text } };
  return {
    sql: `(${byName} OR c.id IN (SELECT contact_id FROM phones
            WHERE instr(e164, @digits) > 0 OR instr(raw, @text) > 0))`,
    params: { text, digits },
  };
}

const RANK: Record<PhoneStatus, number> = { valid: 0, possible: 1, invalid: 2 };

export function contactPage(db: Db, query: ContactQuery): ContactPage {
  const search = searchClause(query.search);
  const where = `${FILTERS[query.filter]} AND ${search.sql}`;
  const total = db.prepare(`SELECT count(*) FROM contacts c WHERE ${where}`).pluck().get(search.params) as number;
  // The page's ids are picked first, so "on Kith" is worked out for its rows only, not for every contact sorted.
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.excluded, ${ON_KITH} AS onKith
       FROM (SELECT c.id FROM contacts c WHERE ${where}
             ORDER BY c.name COLLATE NOCASE, c.id LIMIT @limit OFFSET @offset) page
       JOIN contacts c ON c.id = page.id
       ORDER BY c.name COLLATE NOCASE, c.id`,
    )
    .all({ ...search.params, limit: query.limit, offset: query.offset }) as Array<{
    id: number;
    name: string;
    excluded: number;
    onKith: number;
  }>;
  const phones = db.prepare('SELECT e164, raw, status FROM phones WHERE contact_id = ? ORDER BY position');
  const home = defaultRegion(db);
  const out: ContactRowView[] = rows.map((r) => {
    const list = phones.all(r.id) as Array<{ e164: string | null; raw: string; status: PhoneStatus }>;
    const first = list[0];
    const worst = list.reduce<PhoneStatus | 'none'>(
      (w, p) => (w === 'none' || RANK[p.status] > RANK[w] ? p.status : w),
      'none',
    );
    return {
      id: r.id,
      name: r.name,
      phone: first ? (first.e164 ? formatForDisplay(first.e164, home) : first.raw) : '',
      phones: list.length,
      onKith: r.onKith === 1 && r.excluded === 0,
      excluded: r.excluded === 1,
      status: worst,
    };
  });
  return { total, offset: query.offset, rows: out };
}

export function contactDetail(db: Db, id: number): ContactDetail | null {
  const c = db
    .prepare(
      `SELECT c.id, c.name, c.excluded, c.line, s.path AS source FROM contacts c JOIN sources s ON s.id = c.source_id
       WHERE c.id = ?`,
    )
    .get(id) as { id: number; name: string; excluded: number; line: number; source: string } | undefined;
  if (!c) return null;
  const phones = db
    .prepare(
      `SELECT p.raw, p.label, p.e164, p.ext, p.status, p.reason,
         (n.registered_user_id IS NOT NULL AND n.refs > 0) AS onKith, (x.e164 IS NOT NULL) AS excluded
       FROM phones p LEFT JOIN numbers n ON n.e164 = p.e164 LEFT JOIN excluded_numbers x ON x.e164 = p.e164
       WHERE p.contact_id = ? ORDER BY p.position`,
    )
    .all(id) as Array<{
    raw: string;
    label: string;
    e164: string | null;
    ext: string | null;
    status: PhoneStatus;
    reason: string;
    onKith: number | null;
    excluded: number;
  }>;
  return {
    id: c.id,
    name: c.name,
    excluded: c.excluded === 1,
    source: c.source,
    line: c.line,
    phones: phones.map((p) => ({ ...p, onKith: p.onKith === 1 && c.excluded === 0, excluded: p.excluded === 1 })),
  };
}
