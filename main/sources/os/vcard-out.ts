/** Writing vCard 3.0 text (RFC 2426) from fields read out of a desktop address book. */

export interface CardPhone {
  number: string;
  /** vCard TYPE values, upper case (CELL, HOME, FAX, …). */
  types: readonly string[];
  /** A label no TYPE expresses; written as a grouped X-ABLabel, which the importer reads. */
  label?: string;
}

export interface CardFields {
  uid: string;
  rev: string | null;
  formatted: string;
  family: string;
  given: string;
  middle: string;
  prefix: string;
  suffix: string;
  nickname: string;
  org: string;
  emails: readonly string[];
  phones: readonly CardPhone[];
}

export const NO_NAME = { formatted: '', family: '', given: '', middle: '', prefix: '', suffix: '' } as const;

/** Text values escape backslash, comma, semicolon and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Values that are not text (a number, a type) only lose their line breaks. */
function flat(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

const encoder = new TextEncoder();

/** Folds at 75 octets, never inside a UTF-8 sequence or a surrogate pair. */
export function fold(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const bytes = encoder.encode(ch).length;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // the continuation's leading space counts
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function writeVcard(fields: CardFields): string {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0'];
  const n = [fields.family, fields.given, fields.middle, fields.prefix, fields.suffix].map(escapeText).join(';');
  lines.push(`FN:${escapeText(fields.formatted)}`, `N:${n}`);
  if (fields.nickname) lines.push(`NICKNAME:${escapeText(fields.nickname)}`);
  if (fields.org) lines.push(`ORG:${escapeText(fields.org)}`);
  for (const email of fields.emails) if (flat(email)) lines.push(`EMAIL;TYPE=INTERNET:${flat(email)}`);
  let item = 0;
  for (const phone of fields.phones) {
    const number = flat(phone.number);
    if (!number) continue;
    const types = phone.types.length > 0 ? `;TYPE=${phone.types.join(',')}` : '';
    if (phone.label) {
      item += 1;
      lines.push(`item${item}.TEL${types}:${number}`, `item${item}.X-ABLabel:${escapeText(phone.label)}`);
    } else {
      lines.push(`TEL${types}:${number}`);
    }
  }
  lines.push(`UID:${escapeText(fields.uid)}`);
  if (fields.rev) lines.push(`REV:${fields.rev}`);
  lines.push('END:VCARD');
  return lines.map(fold).join('\r\n') + '\r\n';
}
