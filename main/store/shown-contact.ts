/**
 * The contact whose saved name a number is shown under, as one SQL sub-query shared by everything that shows that
 * name or something of that contact (its photo, its person), so that they can never disagree.
 *
 * When several contacts hold the number it is the first with a non-empty name in case-insensitive order, ties going
 * to the contact stored first. That depends only on the address book, so it is the same on every run.
 */

/**
 * A sub-query giving `column` (an SQL expression over contacts `c`) of the contact shown for the number `e164` (an SQL
 * expression: a column of the outer query or a parameter), or NULL when no contact with a name holds it. Excluded
 * contacts are left out unless `withExcluded`.
 */
export function shownContactSql(e164: string, column: string, options: { withExcluded?: boolean } = {}): string {
  return `SELECT ${column} FROM phones p JOIN contacts c ON c.id = p.contact_id
    WHERE p.e164 = ${e164}${options.withExcluded ? '' : ' AND c.excluded = 0'} AND trim(c.name) <> ''
    ORDER BY c.name COLLATE NOCASE, c.id LIMIT 1`;
}
