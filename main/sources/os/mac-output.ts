/**
 * Reading what mac-contacts.jxa prints: one batch of people as JSON. A person is kept by its own vCard (given a UID
 * when it has none, so the importer matches it on re-import); without one, a card is written from its name and
 * phones. Anything else in the batch is reported and skipped.
 */
import { t } from '../../../i18n/index.ts';
import type { ImportIssue } from '../../import/types.ts';
import { OsContactsError, type OsCard } from './card.ts';
import { escapeText, NO_NAME, writeVcard, type CardPhone } from './vcard-out.ts';

/** Where issues about Contacts entries point: there is no file, so the place is the book, or a person in it. */
export const macPlace = (): string => t('osContacts.mac.place');
const personPlace = (id: string): string => t('osContacts.mac.personPlace', { id });

export interface MacBatch {
  total: number;
  cards: OsCard[];
  /** People in the batch, kept or not: the next batch starts after them. */
  seen: number;
  issues: ImportIssue[];
}

export function parseMacBatch(stdout: string): MacBatch {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch (err) {
    throw new OsContactsError('badOutput', t('osContacts.mac.badOutput', { reason: (err as Error).message }));
  }
  if (!isObject(data) || typeof data['total'] !== 'number' || !Array.isArray(data['people'])) {
    throw new OsContactsError('badOutput', t('osContacts.mac.notPeople'));
  }
  const people: unknown[] = data['people'];
  const cards: OsCard[] = [];
  const issues: ImportIssue[] = [];
  people.forEach((entry, index) => {
    const card = personCard(entry, index, issues);
    if (card) cards.push(card);
  });
  return { total: data['total'], cards, seen: people.length, issues };
}

function personCard(entry: unknown, index: number, issues: ImportIssue[]): OsCard | null {
  if (!isObject(entry) || typeof entry['id'] !== 'string' || entry['id'] === '') {
    issues.push({ file: macPlace(), line: index + 1, message: t('osContacts.mac.badPerson', { index: index + 1 }) });
    return null;
  }
  const uid = entry['id'];
  const rev = isoDate(entry['modified']);
  const place = personPlace(uid);
  const vcard = typeof entry['vcard'] === 'string' ? entry['vcard'] : '';
  if (vcard.trim() !== '') {
    if (/^\s*BEGIN:VCARD\b/i.test(vcard)) return { uid, rev, vcard: withUid(vcard, uid) };
    issues.push({ file: place, line: 1, message: t('osContacts.mac.badCard') });
  }
  const name = typeof entry['name'] === 'string' ? entry['name'].trim() : '';
  const phones = Array.isArray(entry['phones']) ? entry['phones'].flatMap(macPhone) : [];
  if (name === '' && phones.length === 0) {
    issues.push({ file: place, line: 1, message: t('osContacts.mac.emptyPerson') });
    return null;
  }
  const fields = { ...NO_NAME, formatted: name, nickname: '', org: '', emails: [], phones };
  return { uid, rev, vcard: writeVcard({ ...fields, uid, rev }) };
}

// Contacts gives its built-in labels lower case ("mobile", "home fax") or wrapped ("_$!<Mobile>!$_").
// i18n-ignore: the labels Contacts gives, matched, never shown
const MAC_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  ['mobile', ['CELL']],
  ['iphone', ['IPHONE', 'CELL']],
  ['home', ['HOME']],
  ['work', ['WORK']],
  ['main', ['MAIN']],
  ['pager', ['PAGER']],
  ['other', ['OTHER']],
  ['home fax', ['FAX', 'HOME']],
  ['homefax', ['FAX', 'HOME']],
  ['work fax', ['FAX', 'WORK']],
  ['workfax', ['FAX', 'WORK']],
  ['other fax', ['FAX', 'OTHER']],
  ['otherfax', ['FAX', 'OTHER']],
]);

function macPhone(phone: unknown): CardPhone[] {
  if (!isObject(phone) || typeof phone['value'] !== 'string' || phone['value'].trim() === '') return [];
  const raw = typeof phone['label'] === 'string' ? phone['label'].trim() : '';
  const label = /^_\$!<(.*)>!\$_$/s.exec(raw)?.[1] ?? raw;
  const types = MAC_TYPES.get(label.toLowerCase());
  if (types) return [{ number: phone['value'], types }];
  return [{ number: phone['value'], types: [], ...(label ? { label } : {}) }];
}

/** Adds `UID:` before the card's END:VCARD when it has none of its own. */
function withUid(vcard: string, uid: string): string {
  if (/^(?:[\w-]+\.)?UID[;:]/im.test(vcard)) return vcard;
  const eol = vcard.includes('\r\n') ? '\r\n' : '\n';
  const end = /END:VCARD\s*$/i.exec(vcard);
  const uidLine = `UID:${escapeText(uid)}${eol}`;
  if (!end) return `${vcard.replace(/\s*$/, '')}${eol}${uidLine}END:VCARD${eol}`;
  const before = vcard.slice(0, end.index);
  return `${before}${before.endsWith('\n') ? '' : eol}${uidLine}${vcard.slice(end.index)}`;
}

function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
