// Finding the address books of an account: RFC 6764 (SRV and /.well-known/carddav), then the principal, its
// address book home, and the address books in it.
import { resolveSrv as dnsResolveSrv } from 'node:dns/promises';
import { CardDavError, fromStatus } from './errors.ts';
import { davRequest, type Credentials, type DavResponse, type TransportOptions } from './transport.ts';
import { has, hrefIn, parseMultistatus, propfindBody, text, type Props } from './xml.ts';

export interface AddressBook {
  url: string;
  displayName: string | null;
  syncToken: string | null;
  ctag: string | null;
  /** The server offers the sync-collection report (RFC 6578) here. */
  supportsSync: boolean;
}

export interface Discovery {
  principal: string | null;
  home: string;
  addressBooks: AddressBook[];
}

export interface SrvResolver {
  resolveSrv(name: string): Promise<Array<{ name: string; port: number; priority: number; weight: number }>>;
}

export interface DiscoverOptions extends TransportOptions {
  resolver?: SrvResolver;
}

/** Where to start: a full URL as given, or for a bare domain its SRV target, else https://domain/.well-known/carddav. */
export async function startUrl(input: string, resolver: SrvResolver = { resolveSrv: dnsResolveSrv }): Promise<string> {
  const trimmed = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    const url = new URL(trimmed);
    if (url.pathname === '/' || url.pathname === '') url.pathname = '/.well-known/carddav';
    return url.href;
  }
  const domain = trimmed.replace(/\/+$/, '');
  try {
    const records = (await resolver.resolveSrv(`_carddavs._tcp.${domain}`)).filter((r) => r.name && r.name !== '.');
    records.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    const best = records[0];
    if (best) {
      const port = best.port === 443 ? '' : `:${best.port}`;
      return `https://${best.name.replace(/\.$/, '')}${port}/.well-known/carddav`;
    }
  } catch {
    // No SRV record (ENOTFOUND, ENODATA): the domain itself is the next guess.
  }
  return `https://${domain}/.well-known/carddav`;
}

const BOOK_PROPS = ['d:displayname', 'd:resourcetype', 'd:sync-token', 'cs:getctag', 'd:supported-report-set'];

export async function discover(
  input: string,
  credentials: Credentials,
  options: DiscoverOptions = {},
): Promise<Discovery> {
  const first = await startUrl(input, options.resolver);
  const propfind = (url: string, depth: '0' | '1', props: string[]): Promise<DavResponse> =>
    davRequest(url, { method: 'PROPFIND', depth, body: propfindBody(props) }, credentials, options);

  let start = await propfind(first, '0', ['d:current-user-principal', 'card:addressbook-home-set', ...BOOK_PROPS]);
  // A server without /.well-known/carddav may still answer at its root.
  if ((start.status === 404 || start.status === 405) && new URL(first).pathname === '/.well-known/carddav') {
    start = await propfind(new URL('/', first).href, '0', ['d:current-user-principal', 'card:addressbook-home-set']);
  }
  const startProps = firstProps(start, 'discovery');
  if (has(startProps['resourcetype'], 'addressbook')) {
    const book = toBook(start.url, startProps);
    return { principal: null, home: start.url, addressBooks: [book] };
  }

  let home = hrefIn(startProps['addressbook-home-set']);
  const principalHref = hrefIn(startProps['current-user-principal']);
  const principal = principalHref ? new URL(principalHref, start.url).href : null;
  if (!home && principal) {
    const answer = await propfind(principal, '0', ['card:addressbook-home-set']);
    home = hrefIn(firstProps(answer, 'principal')['addressbook-home-set']);
    if (home) home = new URL(home, answer.url).href;
  } else if (home) home = new URL(home, start.url).href;
  // i18n-ignore: technical detail for the log
  if (!home) throw new CardDavError('not-carddav', start.url, 'no current-user-principal or addressbook-home-set');

  const listing = await propfind(home, '1', BOOK_PROPS);
  // i18n-ignore: technical detail for the log
  const ms = multistatus(listing, 'address book listing');
  const addressBooks = ms.entries
    .filter((entry) => has(entry.props['resourcetype'], 'addressbook'))
    .map((entry) => toBook(new URL(entry.href, listing.url).href, entry.props));
  return { principal, home, addressBooks };
}

function toBook(url: string, props: Props): AddressBook {
  const displayName = text(props['displayname']) || null;
  return {
    url,
    displayName,
    syncToken: text(props['sync-token']) || null,
    ctag: text(props['getctag']) || null,
    supportsSync: JSON.stringify(props['supported-report-set'] ?? {}).includes('"sync-collection"'),
  };
}

/** A 207 multistatus or a classified error. */
export function multistatus(answer: DavResponse, context: string): ReturnType<typeof parseMultistatus> {
  if (answer.status !== 207) {
    if (answer.status >= 200 && answer.status < 300)
      // i18n-ignore: technical detail for the log
      throw new CardDavError('not-carddav', answer.url, `${context}: HTTP ${answer.status} instead of 207`);
    throw fromStatus(answer.url, answer.status, context);
  }
  if (!/xml/i.test(answer.contentType) && !answer.body.trimStart().startsWith('<'))
    // i18n-ignore: technical detail for the log
    throw new CardDavError('not-carddav', answer.url, `${context}: ${answer.contentType || 'no content type'}`);
  return parseMultistatus(answer.url, answer.body);
}

function firstProps(answer: DavResponse, context: string): Props {
  return multistatus(answer, context).entries[0]?.props ?? {};
}
