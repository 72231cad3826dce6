/**
 * One Windows Contacts file (the XML that Windows Contacts and wab.exe write, namespace
 * http://schemas.microsoft.com/Contact) turned into vCard 3.0: names, nickname, company, e-mail addresses and
 * phone numbers with their labels as TYPE values. The first Name element is the contact's name; Windows keeps
 * others only for alternative spellings.
 */
// i18n-ignore-file: element names of the Windows Contacts schema, matched against files
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { t } from '../../../i18n/index.ts';
import { RecordError } from '../../import/types.ts';
import { writeVcard, type CardPhone } from './vcard-out.ts';

export const CONTACT_NS = 'http://schemas.microsoft.com/Contact';

/** Windows phone labels and the vCard TYPE each one means; Preferred is PREF, unknown labels are kept as text. */
const LABEL_TYPES: ReadonlyMap<string, string> = new Map([
  ['cellular', 'CELL'],
  ['voice', 'VOICE'],
  ['business', 'WORK'],
  ['personal', 'HOME'],
  ['fax', 'FAX'],
  ['pager', 'PAGER'],
  ['car', 'CAR'],
  ['video', 'VIDEO'],
  ['modem', 'MODEM'],
  ['isdn', 'ISDN'],
  ['bbs', 'BBS'],
  ['message', 'MSG'],
  ['preferred', 'PREF'],
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type Node = Record<string, unknown>;

export interface WindowsContact {
  /** The first ContactID value, or null. */
  id: string | null;
  creationDate: string | null;
  vcard: (uid: string, rev: string | null) => string;
}

/** Throws RecordError (with the XML line when known) for a file that is not a Windows contact. */
export function parseWindowsContact(text: string): WindowsContact {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new RecordError(valid.err.line, t('osContacts.windows.notXml', { reason: valid.err.msg }));
  }
  const doc = parser.parse(text) as Node;
  const rootKey = Object.keys(doc).find((key) => !key.startsWith('?') && localName(key) === 'contact');
  const root = rootKey === undefined ? undefined : doc[rootKey];
  const prefix = rootKey?.includes(':') ? rootKey.slice(0, rootKey.indexOf(':')) : '';
  const nsAttr = prefix ? `@_xmlns:${prefix}` : '@_xmlns';
  if (!isNode(root) || root[nsAttr] !== CONTACT_NS) throw new RecordError(1, t('osContacts.windows.notContact'));

  const el = (name: string): string => (prefix ? `${prefix}:${name}` : name);
  const items = (parent: unknown, collection: string, item: string): unknown[] =>
    list(child(parent, el(collection))).flatMap((c) => list(child(c, el(item))));
  const field = (parent: unknown, name: string): string => textOf(list(child(parent, el(name)))[0]);

  const id = items(root, 'ContactIDCollection', 'ContactID')
    .map((c) => field(c, 'Value'))
    .find((v) => v !== '');
  const name = items(root, 'NameCollection', 'Name')[0];
  const org = items(root, 'PositionCollection', 'Position')
    .map((p) => field(p, 'Company'))
    .find((v) => v !== '');
  const emails = items(root, 'EmailAddressCollection', 'EmailAddress').map((e) => field(e, 'Address'));
  const phones = items(root, 'PhoneNumberCollection', 'PhoneNumber').flatMap((p): CardPhone[] => {
    const number = field(p, 'Number');
    if (number === '') return [];
    const labels = items(p, 'LabelCollection', 'Label')
      .map(textOf)
      .filter((l) => l !== '');
    const types = [...new Set(labels.flatMap((l) => LABEL_TYPES.get(l.toLowerCase()) ?? []))];
    const other = labels.filter((l) => !LABEL_TYPES.has(l.toLowerCase()));
    return [{ number, types, ...(other.length > 0 && types.length === 0 ? { label: other.join(' ') } : {}) }];
  });
  const fields = {
    formatted: field(name, 'FormattedName'),
    family: field(name, 'FamilyName'),
    given: field(name, 'GivenName'),
    middle: field(name, 'MiddleName'),
    prefix: field(name, 'Prefix'),
    suffix: field(name, 'Suffix'),
    nickname: field(name, 'NickName'),
    org: org ?? '',
    emails: emails.filter((e) => e !== ''),
    phones,
  };
  const composed = [fields.prefix, fields.given, fields.middle, fields.family, fields.suffix].filter(Boolean).join(' ');
  if (fields.formatted === '') fields.formatted = composed || fields.nickname || fields.org;
  if (fields.formatted === '' && fields.phones.length === 0) throw new RecordError(1, t('osContacts.windows.empty'));
  return {
    id: id ?? null,
    creationDate: field(root, 'CreationDate') || null,
    vcard: (uid, rev) => writeVcard({ ...fields, uid, rev }),
  };
}

function localName(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(parent: unknown, key: string): unknown {
  return isNode(parent) ? parent[key] : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** An element's text: a plain string, or `#text` when it also has attributes. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'].trim();
  return '';
}
