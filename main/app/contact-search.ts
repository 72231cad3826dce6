/**
 * The search box's text as an SQL condition on contacts `c`:
 *
 * - A number, in any form a person types one (national, international, E.164 or digits only; with spaces, dashes,
 *   dots or brackets; the first digits of any of those): contacts with a number that starts so, in any of its forms
 *   (see main/phone/search-keys.ts). One range scan of the `number_keys` index per form the text may stand for.
 * - Text with letters: names that contain it, ignoring case and accents, as before.
 * - Both, "Erika 0740": a name containing the words, with a number starting with the digits. A name that contains the
 *   whole text ("Flat 2") matches too.
 *
 * Digits in the middle of a number do not match (`015000` does not find 07400 015000): a number is found from its
 * start, as it is typed.
 */
import { numberQueryPrefixes, prefixEnd } from '../phone/search-keys.ts';
import type { Db } from '../store/open.ts';
import { foldName } from '../store/sort-key.ts';
import { cachedStatement } from '../store/statements.ts';

export interface SearchClause {
  /** The condition for reading a page of contacts in name order. */
  sql: string;
  /** The same condition, in the form that counts every match fastest. */
  countSql: string;
  params: Record<string, string>;
  /** The matches are few and read from an index: best taken as a set, not tested contact by contact. */
  fromSet?: boolean;
  /** A condition on the name alone. */
  byName?: boolean;
}

/** `text` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * How a number search reads its matches depends on how many there are, which one capped count of keys tells:
 * - few (under FEW_KEYS keys): from the key index, then sorted;
 * - many ("07"): a page is read in name order, testing each contact's own keys, and stops once full; the total is
 *   counted from the key index;
 * - most (a quarter of all keys or more: "0"): the total too is counted contact by contact, as nearly every contact
 *   matches at its first key.
 */
const FEW_KEYS = 2000;
type Breadth = 'few' | 'many' | 'most';

/** The key ranges of the prefixes, as SQL over `number_keys` with their parameters added to `params`. */
function keyRanges(prefixes: readonly string[], params: Record<string, string>): string[] {
  return prefixes.map((prefix, i) => {
    params[`from${i}`] = prefix;
    params[`to${i}`] = prefixEnd(prefix);
    return `key >= @from${i} AND key < @to${i}`;
  });
}

/** Contacts with a key in the ranges, tested on each contact's own keys as the contacts are read in name order. */
function perContact(ranges: readonly string[]): string {
  const any = ranges.map((r) => `(${r})`).join(' OR ');
  return `EXISTS (SELECT 1 FROM number_keys k WHERE k.contact_id = c.id AND (${any}))`;
}

/** Contacts with a key in the ranges, read from the key index. */
function fromIndex(ranges: readonly string[]): string {
  return `c.id IN (${ranges.map((r) => `SELECT contact_id FROM number_keys WHERE ${r}`).join(' UNION ALL ')})`;
}

function breadth(db: Db, ranges: readonly string[], params: Record<string, string>): Breadth {
  const all = cachedStatement(db, 'SELECT count(*) FROM number_keys').pluck().get() as number;
  const most = Math.max(FEW_KEYS, Math.ceil(all / 4));
  const keys = ranges.map((r) => `SELECT 1 FROM number_keys WHERE ${r}`).join(' UNION ALL ');
  const found = cachedStatement(db, `SELECT count(*) FROM (${keys} LIMIT @most)`)
    .pluck()
    .get({ ...params, most }) as number;
  return found < FEW_KEYS ? 'few' : found < most ? 'many' : 'most';
}

function byName(name: string, param: string, params: Record<string, string>): string {
  params[param] = containsPattern(foldName(name));
  return `c.sort_name LIKE @${param} ESCAPE '\\'`;
}

export function searchClause(db: Db, search: string): SearchClause {
  const text = search.trim();
  if (!text) return { sql: '1', countSql: '1', params: {} };
  const params: Record<string, string> = {};
  const whole = numberQueryPrefixes(text);
  if (whole) {
    const ranges = keyRanges(whole, params);
    const how = breadth(db, ranges, params);
    const sql = how === 'few' ? fromIndex(ranges) : perContact(ranges);
    return { sql, countSql: how === 'most' ? perContact(ranges) : fromIndex(ranges), params, fromSet: how === 'few' };
  }

  const words = text.split(/\s+/);
  const numberWords = words.filter((w) => numberQueryPrefixes(w) !== null);
  const prefixes = numberWords.length > 0 ? numberQueryPrefixes(numberWords.join(' ')) : null;
  const nameWords = words.filter((w) => numberQueryPrefixes(w) === null);
  if (!prefixes || nameWords.length === 0) {
    const sql = byName(text, 'pattern', params);
    return { sql, countSql: sql, params, byName: true };
  }
  // Every contact is read for its name anyway; only those whose name matches have their keys tested.
  const sql = `(${byName(text, 'pattern', params)}
    OR (${byName(nameWords.join(' '), 'namePattern', params)} AND ${perContact(keyRanges(prefixes, params))}))`;
  return { sql, countSql: sql, params };
}
