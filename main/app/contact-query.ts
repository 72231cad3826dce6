/**
 * Pages of contacts for the UI: filtered, searched by name or number, in name order. The UI asks for windows of
 * rows as it scrolls, so 100,000 contacts never cross IPC at once.
 */
import type { ContactDetail, ContactPage, ContactQuery, ContactRowView, PhoneStatus } from '../ipc/contract.ts';
import { countryReader } from '../import/countries.ts';
import { defaultRegion } from '../import/region.ts';
import { formatForDisplay } from '../phone/index.ts';
import type { Db } from '../store/open.ts';
import { cachedStatement } from '../store/statements.ts';
import { searchClause } from './contact-search.ts';
import type { CountryCode } from 'libphonenumber-js/max';

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
  'to-check': `c.id IN (SELECT contact_id FROM phones WHERE to_check IS NOT NULL)`,
  excluded: `(c.excluded = 1 OR c.id IN (${EXCLUDED_NUMBER_IDS}))`,
};

const STATUS_BY_RANK: Array<PhoneStatus | 'none'> = ['none', 'valid', 'possible', 'invalid'];

/** What a row shows of a contact's numbers, all worked out by SQLite for the page's rows only. */
const ROW_COLUMNS = `c.id, c.name, c.excluded, ${ON_KITH} AS onKith,
  (SELECT count(*) FROM phones p WHERE p.contact_id = c.id) AS phones,
  (SELECT max(CASE p.status WHEN 'invalid' THEN 3 WHEN 'possible' THEN 2 ELSE 1 END)
     FROM phones p WHERE p.contact_id = c.id) AS worst,
  EXISTS (SELECT 1 FROM phones p WHERE p.contact_id = c.id AND p.to_check IS NOT NULL) AS toCheck,
  first.e164 AS firstE164, first.raw AS firstRaw`;

interface RowRecord {
  id: number;
  name: string;
  excluded: number;
  onKith: number;
  phones: number;
  worst: number | null;
  toCheck: number;
  firstE164: string | null;
  firstRaw: string | null;
}

/**
 * Formatting a number costs a libphonenumber parse; the list shows the same numbers page after page, so each is
 * formatted once per home region. Bounded, since a scroll through 100,000 contacts passes as many numbers.
 */
const formatted = new Map<string, string>();
const FORMAT_CACHE_LIMIT = 20_000;

function displayNumber(e164: string, home: CountryCode | null): string {
  const key = `${home ?? ''}${e164}`;
  let shown = formatted.get(key);
  if (shown === undefined) {
    if (formatted.size >= FORMAT_CACHE_LIMIT) formatted.clear();
    shown = formatForDisplay(e164, home);
    formatted.set(key, shown);
  }
  return shown;
}

export function contactPage(db: Db, query: ContactQuery): ContactPage {
  const search = searchClause(db, query.search);
  const where = `${FILTERS[query.filter]} AND ${search.sql}`;
  const records = cachedStatement(
    db,
    `SELECT ${ROW_COLUMNS}
     FROM (SELECT c.id FROM contacts c WHERE ${where}
           ORDER BY c.sort_name, c.id LIMIT @limit OFFSET @offset) page
     JOIN contacts c ON c.id = page.id
     LEFT JOIN phones first ON first.contact_id = c.id AND first.position = 0
     ORDER BY c.sort_name, c.id`,
  ).all({ ...search.params, limit: query.limit, offset: query.offset }) as RowRecord[];
  // A short page that is not past the end holds the last rows, so the total is known without counting: a rare
  // match then costs one scan instead of two.
  const known = records.length < query.limit && (records.length > 0 || query.offset === 0);
  const total = known
    ? query.offset + records.length
    : (cachedStatement(db, `SELECT count(*) FROM contacts c WHERE ${FILTERS[query.filter]} AND ${search.countSql}`)
        .pluck()
        .get(search.params) as number);
  const home = defaultRegion(db);
  const rows: ContactRowView[] = records.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.firstE164 ? displayNumber(r.firstE164, home) : (r.firstRaw ?? ''),
    phones: r.phones,
    onKith: r.onKith === 1 && r.excluded === 0,
    excluded: r.excluded === 1,
    status: STATUS_BY_RANK[r.worst ?? 0]!,
    toCheck: r.toCheck === 1,
  }));
  return { total, offset: query.offset, rows };
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
      `SELECT p.position, p.raw, p.label, p.e164, p.ext, p.status, p.reason, p.to_check,
         (n.registered_user_id IS NOT NULL AND n.refs > 0) AS onKith, (x.e164 IS NOT NULL) AS excluded
       FROM phones p LEFT JOIN numbers n ON n.e164 = p.e164 LEFT JOIN excluded_numbers x ON x.e164 = p.e164
       WHERE p.contact_id = ? ORDER BY p.position`,
    )
    .all(id) as Array<{
    position: number;
    raw: string;
    label: string;
    e164: string | null;
    ext: string | null;
    status: PhoneStatus;
    reason: string;
    to_check: string | null;
    onKith: number | null;
    excluded: number;
  }>;
  const countryOf = countryReader(db);
  const home = defaultRegion(db);
  return {
    id: c.id,
    name: c.name,
    excluded: c.excluded === 1,
    source: c.source,
    line: c.line,
    home,
    phones: phones.map(({ to_check, ...p }) => {
      const country = countryOf({ raw: p.raw, to_check });
      const suggestion = country.check?.suggestion;
      return {
        ...p,
        onKith: p.onKith === 1 && c.excluded === 0,
        excluded: p.excluded === 1,
        choosable: country.choosable,
        chosenCountry: country.chosen,
        check: country.check && {
          kind: country.check.kind,
          home: country.check.home,
          suggestion: suggestion ? { ...suggestion, display: formatForDisplay(suggestion.e164, null) } : null,
        },
      };
    }),
  };
}
