/** Build one contact from one data row, using the column map from the header. */

import { hasNameText } from '../name-text.ts';
import type { ParsedContact, RawPhone } from '../types.ts';
import type { HeaderMap, NameRole } from './header.ts';

/** Google joins several values of one field with this separator. */
const MULTI_SEPARATOR = ' ::: ';

function cell(fields: readonly string[], column: number): string {
  return (fields[column] ?? '').trim();
}

function first(fields: readonly string[], columns: readonly number[]): string {
  for (const column of columns) {
    const value = cell(fields, column);
    if (value !== '') return value;
  }
  return '';
}

function part(fields: readonly string[], map: HeaderMap, role: NameRole): string {
  return first(fields, map.names[role]);
}

/** Google marks the primary value's label with a leading `* `. */
export function cleanLabel(label: string): string {
  return label.replace(/^\*\s*/, '').trim();
}

/**
 * Display name, else prefix/given/middle/family/suffix joined, else nickname, else organization, else the first
 * email, else ''. The nickname step is the one addition to the order the vCard reader uses: CSV has no structured
 * name to fall back on and a nickname beats a company name for recognising a person. Punctuation alone (a `.` or
 * `-` left in an emptied field) is not a name, and the next one is tried.
 */
export function rowName(fields: readonly string[], map: HeaderMap): string {
  const display = part(fields, map, 'display');
  if (hasNameText(display)) return display;
  const roles: NameRole[] = ['prefix', 'given', 'middle', 'family', 'suffix'];
  const composed = roles
    .map((role) => part(fields, map, role))
    .filter((p) => p !== '')
    .join(' ');
  if (hasNameText(composed)) return composed;
  for (const role of ['nickname', 'org'] as const) {
    const value = part(fields, map, role);
    if (hasNameText(value)) return value;
  }
  const email = first(fields, map.emails).split(MULTI_SEPARATOR)[0]?.trim() ?? '';
  return hasNameText(email) ? email : '';
}

export function rowPhones(fields: readonly string[], map: HeaderMap): RawPhone[] {
  const phones: RawPhone[] = [];
  for (const column of map.phones) {
    // The number text stays exactly as in the cell; the normalizer decides what whitespace means.
    const value = fields[column.column] ?? '';
    if (value.trim() === '') continue;
    const label = typeof column.label === 'string' ? column.label : cleanLabel(cell(fields, column.label.column));
    const values = column.multi ? value.split(MULTI_SEPARATOR) : [value];
    for (const raw of values) {
      if (raw.trim() !== '') phones.push({ raw, label });
    }
  }
  return phones;
}

export function rowContact(fields: readonly string[], map: HeaderMap, line: number): ParsedContact {
  return { line, uid: null, name: rowName(fields, map), phones: rowPhones(fields, map) };
}
