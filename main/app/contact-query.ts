/**
 * Pages of people for the UI: filtered, searched by name or number, in name order. A person is one contact or the
 * several cards of one (main/store/people.ts); a filter or a search that matches any of them shows the person once.
 * The UI asks for windows of rows as it scrolls, so 100,000 contacts never cross IPC at once.
 */
import type { ContactDetail, ContactPage, ContactQuery, ContactRowView, PhoneStatus } from '../ipc/contract.ts';
import { countryReader } from '../import/countries.ts';
import { defaultRegion } from '../import/region.ts';
import { formatForDisplay } from '../phone/index.ts';
import type { Db } from '../store/open.ts';
import { PERSON_OF, personMembers, regroupPeople } from '../store/people.ts';
import { cachedStatement } from '../store/statements.ts';
import { searchClause, type SearchClause } from './contact-search.ts';
import type { CountryCode } from 'libphonenumber-js/max';

/** The members of person `h` (its first contact), as `c`. */
const MEMBERS = 'contacts c WHERE (c.id = h.id OR c.person_id = h.id)';

// On Kith: a number of a member that is not excluded has joined.
const ON_KITH = `EXISTS (SELECT 1 FROM ${MEMBERS} AND c.excluded = 0 AND EXISTS (SELECT 1 FROM phones p
  JOIN numbers n ON n.e164 = p.e164 WHERE p.contact_id = c.id AND n.registered_user_id IS NOT NULL AND n.refs > 0))`;

// The filters as sets of contact ids: one pass over the (indexed) matching phones, not one lookup per contact,
// which is what keeps a page of 100,000 contacts quick.
const ON_KITH_IDS = `SELECT p.contact_id FROM numbers n JOIN phones p ON p.e164 = n.e164
  WHERE n.registered_user_id IS NOT NULL AND n.refs > 0`;
const EXCLUDED_NUMBER_IDS = `SELECT p.contact_id FROM excluded_numbers x JOIN phones p ON p.e164 = x.e164`;

const FILTERS: Record<ContactQuery['filter'], string> = {
  all: '1',
  'on-kith': `c.excluded = 0 AND c.id IN (${ON_KITH_IDS})`,
  // Worked out per person (see personCondition).
  'not-on-kith': '1',
  invalid: `c.id IN (SELECT contact_id FROM phones WHERE status <> 'valid')`,
  'to-check': `c.id IN (SELECT contact_id FROM phones WHERE to_check IS NOT NULL)`,
  excluded: `(c.excluded = 1 OR c.id IN (${EXCLUDED_NUMBER_IDS}))`,
};

const STATUS_BY_RANK: Array<PhoneStatus | 'none'> = ['none', 'valid', 'possible', 'invalid'];

const RANK = `CASE p.status WHEN 'invalid' THEN 3 WHEN 'possible' THEN 2 ELSE 1 END`;

/** Phones of the members of person `h`. */
const MEMBER_PHONES = `phones p WHERE p.contact_id IN (SELECT c.id FROM ${MEMBERS})`;

/** Phones of contact `h` alone. */
const OWN_PHONES = 'phones p WHERE p.contact_id = h.id';

/** A column for a person of several cards, or the cheaper one for a contact alone (most are). */
const either = (person: string, alone: string) => `CASE WHEN page.grouped THEN ${person} ELSE ${alone} END`;

/**
 * What a row shows of a person, all worked out by SQLite for the page's rows only: its first contact's name and first
 * number; its numbers counted once each however many cards hold them; excluded when every card is; the photo of its
 * first card that has one.
 */
const ROW_COLUMNS = `h.id, h.name,
  ${either(ON_KITH, ON_KITH.replace(MEMBERS, 'contacts c WHERE c.id = h.id'))} AS onKith,
  ${either(`NOT EXISTS (SELECT 1 FROM ${MEMBERS} AND c.excluded = 0)`, 'h.excluded')} AS excluded,
  ${either(`(SELECT count(*) FROM ${MEMBERS})`, '1')} AS cards,
  ${either(`(SELECT count(DISTINCT coalesce(p.e164, p.raw)) FROM ${MEMBER_PHONES})`, `(SELECT count(*) FROM ${OWN_PHONES})`)} AS phones,
  ${either(`(SELECT max(${RANK}) FROM ${MEMBER_PHONES})`, `(SELECT max(${RANK}) FROM ${OWN_PHONES})`)} AS worst,
  ${either(`EXISTS (SELECT 1 FROM ${MEMBER_PHONES} AND p.to_check IS NOT NULL)`, `EXISTS (SELECT 1 FROM ${OWN_PHONES} AND p.to_check IS NOT NULL)`)} AS toCheck,
  first.e164 AS firstE164, first.raw AS firstRaw,
  ${either(`(SELECT min(c.id) FROM ${MEMBERS} AND c.id IN (SELECT contact_id FROM photos))`, '(SELECT ph.contact_id FROM photos ph WHERE ph.contact_id = h.id)')} AS photo`;

interface RowRecord {
  id: number;
  name: string;
  excluded: number;
  onKith: number;
  cards: number;
  phones: number;
  worst: number | null;
  toCheck: number;
  firstE164: string | null;
  firstRaw: string | null;
  photo: number | null;
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

/**
 * The people to list, as a condition on their first contact `h`: those with a member `c` matching the filter and the
 * search. Read from the set of matches when it is small or set-like (a filter, a number with few matches); tested
 * person by person in name order otherwise, so that a broad search stops once the page is full.
 */
function personCondition(filter: ContactQuery['filter'], search: SearchClause): string {
  // Not on Kith: no card of the person is, whichever card the search matched.
  if (filter === 'not-on-kith')
    return `${personCondition('all', search)} AND h.id NOT IN (SELECT ${PERSON_OF} FROM contacts c WHERE ${FILTERS['on-kith']})`;
  if (filter === 'all' && search.sql === '1') return 'h.person_id IS NULL';
  // The cards of a person share its folded name: testing the first one is enough.
  if (filter === 'all' && search.byName) return `h.person_id IS NULL AND ${search.sql.replace(/\bc\./g, 'h.')}`;
  const member = `${FILTERS[filter]} AND ${search.sql}`;
  if (filter !== 'all' || search.fromSet)
    return `h.person_id IS NULL AND h.id IN (SELECT ${PERSON_OF} FROM contacts c WHERE ${member})`;
  // The first contact tested as itself, without a join; most people have no other.
  const own = member.replace(/\bc\./g, 'h.');
  return `h.person_id IS NULL AND ((${own}) OR EXISTS (SELECT 1 FROM contacts c WHERE c.person_id = h.id AND ${member}))`;
}

export function contactPage(db: Db, query: ContactQuery): ContactPage {
  regroupPeople(db);
  const search = searchClause(db, query.search);
  const records = cachedStatement(
    db,
    `SELECT ${ROW_COLUMNS}
     FROM (SELECT h.id, EXISTS (SELECT 1 FROM contacts g WHERE g.person_id = h.id) AS grouped
           FROM contacts h WHERE ${personCondition(query.filter, search)}
           ORDER BY h.sort_name, h.id LIMIT @limit OFFSET @offset) page
     JOIN contacts h ON h.id = page.id
     LEFT JOIN phones first ON first.contact_id = h.id AND first.position = 0
     ORDER BY h.sort_name, h.id`,
  ).all({ ...search.params, limit: query.limit, offset: query.offset }) as RowRecord[];
  // A short page that is not past the end holds the last rows, so the total is known without counting: a rare
  // match then costs one scan instead of two.
  const known = records.length < query.limit && (records.length > 0 || query.offset === 0);
  const countSql =
    query.filter === 'all' && search.sql === '1'
      ? // Every contact but the later cards of a person: two counts SQLite answers from indexes.
        'SELECT (SELECT count(*) FROM contacts) - (SELECT count(*) FROM contacts WHERE person_id IS NOT NULL)'
      : query.filter === 'not-on-kith' || (query.filter === 'all' && search.byName)
        ? `SELECT count(*) FROM contacts h WHERE ${personCondition(query.filter, { ...search, sql: search.countSql })}`
        : `SELECT count(DISTINCT ${PERSON_OF}) FROM contacts c WHERE ${FILTERS[query.filter]} AND ${search.countSql}`;
  const total = known
    ? query.offset + records.length
    : (cachedStatement(db, countSql).pluck().get(search.params) as number);
  const home = defaultRegion(db);
  const rows: ContactRowView[] = records.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.firstE164 ? displayNumber(r.firstE164, home) : (r.firstRaw ?? ''),
    phones: r.phones,
    cards: r.cards,
    onKith: r.onKith === 1,
    excluded: r.excluded === 1,
    status: STATUS_BY_RANK[r.worst ?? 0]!,
    toCheck: r.toCheck === 1,
    photo: r.photo,
  }));
  return { total, offset: query.offset, rows };
}

/**
 * Everything about the person contact `id` belongs to: each card (file and line), and every number of every card,
 * each once (the first card holding it is the one a country choice names).
 */
export function contactDetail(db: Db, id: number): ContactDetail | null {
  const members = personMembers(db, id);
  if (members.length === 0) return null;
  const cards = cachedStatement(
    db,
    `SELECT c.id, c.name, c.excluded, c.line, s.path AS source, (a.contact_id IS NOT NULL) AS apart
     FROM json_each(?) m JOIN contacts c ON c.id = m.value JOIN sources s ON s.id = c.source_id
     LEFT JOIN people_apart a ON a.contact_id = c.id ORDER BY m.key`,
  ).all(JSON.stringify(members)) as Array<{
    id: number;
    name: string;
    excluded: number;
    line: number;
    source: string;
    apart: number;
  }>;
  const phones = cachedStatement(
    db,
    `SELECT p.contact_id AS contactId, p.position, p.raw, p.label, p.e164, p.ext, p.status, p.reason, p.to_check,
       (n.registered_user_id IS NOT NULL AND n.refs > 0) AS onKith, (x.e164 IS NOT NULL) AS excluded
     FROM json_each(?) m JOIN phones p ON p.contact_id = m.value
     LEFT JOIN numbers n ON n.e164 = p.e164 LEFT JOIN excluded_numbers x ON x.e164 = p.e164
     ORDER BY m.key, p.position`,
  ).all(JSON.stringify(members)) as Array<{
    contactId: number;
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
  const head = cards[0]!;
  const excludedCard = new Set(cards.filter((c) => c.excluded === 1).map((c) => c.id));
  const countryOf = countryReader(db);
  const home = defaultRegion(db);
  const shown = new Set<string>();
  return {
    id: head.id,
    name: head.name,
    excluded: excludedCard.size === cards.length,
    source: head.source,
    line: head.line,
    home,
    photo:
      (cachedStatement(db, 'SELECT min(contact_id) FROM photos WHERE contact_id IN (SELECT value FROM json_each(?))')
        .pluck()
        .get(JSON.stringify(members)) as number | null) ?? null,
    apart: head.apart === 1,
    cards: cards.map((c) => ({ id: c.id, name: c.name, source: c.source, line: c.line, excluded: c.excluded === 1 })),
    phones: phones
      .filter((p) => {
        const key = p.e164 ?? `raw:${p.raw}`;
        if (shown.has(key)) return false;
        shown.add(key);
        return true;
      })
      .map(({ to_check, ...p }) => {
        const country = countryOf({ raw: p.raw, to_check });
        const suggestion = country.check?.suggestion;
        return {
          ...p,
          onKith: p.onKith === 1 && !excludedCard.has(p.contactId),
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
