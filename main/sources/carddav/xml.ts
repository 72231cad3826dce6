// WebDAV XML: the few request bodies Kith sends, and a multistatus reader on fast-xml-parser.
// i18n-ignore-file: WebDAV XML and technical detail for the log
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CardDavError } from './errors.ts';

const NS = 'xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav" xmlns:cs="http://calendarserver.org/ns/"';

export function propfindBody(props: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop>${props.map((p) => `<${p}/>`).join('')}</d:prop></d:propfind>`;
}

export function syncCollectionBody(token: string | null): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><d:sync-collection ${NS}>` +
    `<d:sync-token>${escapeXml(token ?? '')}</d:sync-token><d:sync-level>1</d:sync-level>` +
    `<d:prop><d:getetag/></d:prop></d:sync-collection>`
  );
}

export function multigetBody(hrefs: string[]): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><card:addressbook-multiget ${NS}>` +
    `<d:prop><d:getetag/><card:address-data/></d:prop>` +
    hrefs.map((href) => `<d:href>${escapeXml(href)}</d:href>`).join('') +
    `</card:addressbook-multiget>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type Props = Record<string, unknown>;

export interface DavEntry {
  /** The path of the resource, resolved against the request URL. */
  href: string;
  /** A response-level status (sync-collection reports a removed member as 404 here). */
  status: number | null;
  /** Properties found with a 2xx status. */
  props: Props;
}

export interface Multistatus {
  entries: DavEntry[];
  syncToken: string | null;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => name === 'response' || name === 'propstat' || name === 'href',
});

/** Parses an XML body, or throws a `malformed` error naming the URL. */
export function parseXml(url: string, body: string): Record<string, unknown> {
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new CardDavError('malformed', url, `invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  return parser.parse(body) as Record<string, unknown>;
}

export function parseMultistatus(url: string, body: string): Multistatus {
  const root = parseXml(url, body)['multistatus'];
  if (root === undefined || root === null || typeof root !== 'object') {
    throw new CardDavError('malformed', url, 'the answer is not a DAV multistatus');
  }
  const ms = root as Record<string, unknown>;
  const entries: DavEntry[] = [];
  for (const raw of asArray(ms['response'])) {
    if (!raw || typeof raw !== 'object') continue;
    const response = raw as Record<string, unknown>;
    const href = text(asArray(response['href'])[0]);
    if (!href) throw new CardDavError('malformed', url, 'a response without an href');
    const props: Props = {};
    for (const ps of asArray(response['propstat'])) {
      if (!ps || typeof ps !== 'object') continue;
      const propstat = ps as Record<string, unknown>;
      const status = statusCode(propstat['status']);
      if (status !== null && (status < 200 || status > 299)) continue;
      const prop = propstat['prop'];
      if (prop && typeof prop === 'object') Object.assign(props, prop);
    }
    entries.push({ href: resolvePath(url, href), status: statusCode(response['status']), props });
  }
  const token = text(ms['sync-token']);
  return { entries, syncToken: token || null };
}

/** `HTTP/1.1 404 Not Found` → 404. */
export function statusCode(value: unknown): number | null {
  const match = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(text(value));
  return match ? Number(match[1]) : null;
}

/** The trimmed text of an element (string, or an object with `#text`). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object' && '#text' in value) return text((value as { '#text': unknown })['#text']);
  return '';
}

/** The untrimmed text of an element, for vCard data. */
export function rawText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return rawText((value as { '#text': unknown })['#text']);
  return '';
}

/** The href inside a property such as current-user-principal. */
export function hrefIn(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const href = text(asArray((value as Record<string, unknown>)['href'])[0]);
  return href || null;
}

export function has(value: unknown, name: string): boolean {
  return !!value && typeof value === 'object' && name in value;
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** An href from the server, as an absolute path (the key of the per-card state). */
export function resolvePath(base: string, href: string): string {
  return new URL(href, base).pathname;
}
