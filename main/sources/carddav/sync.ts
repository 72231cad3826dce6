// One poll of an address book: what changed since the state the caller kept, as upserts and deletes. The input
// state is never changed; a poll that throws leaves the caller's state as it was.
import { CardDavError, MB, fromStatus, type CardDavErrorKind } from './errors.ts';
import { multistatus } from './discover.ts';
import { davRequest, type Credentials, type TransportOptions } from './transport.ts';
import { multigetBody, propfindBody, rawText, syncCollectionBody, text } from './xml.ts';
import { t } from '../../../i18n/index.ts';

export interface SyncState {
  /** RFC 6578 sync token, when the address book supports sync-collection. */
  token: string | null;
  /** getctag (or sync-token) seen at the last full listing, for servers without sync-collection. */
  ctag: string | null;
  /** href (absolute path) → ETag of every card the caller has. */
  etags: Record<string, string>;
}

export const EMPTY_STATE: SyncState = { token: null, ctag: null, etags: {} };

export interface CardUpsert {
  href: string;
  etag: string;
  vcard: string;
}

export type CardErrorKind = 'card-too-large' | 'card-status' | 'card-missing';

export interface CardError {
  href: string;
  kind: CardErrorKind;
  /** For people, from the catalog. */
  message: string;
  detail: string;
}

export interface PollResult {
  /** The state to keep and pass to the next poll. */
  state: SyncState;
  upserts: CardUpsert[];
  /** hrefs of cards gone from the address book. */
  deletes: string[];
  errors: CardError[];
  /** How the changes were found: an incremental report, or a full listing compared with the kept ETags. */
  mode: 'sync-collection' | 'full-sync-collection' | 'ctag-unchanged' | 'etag-listing';
}

export interface PollOptions extends TransportOptions {
  /** Use sync-collection (from discovery's `supportsSync`). */
  supportsSync: boolean;
  batchSize?: number;
  maxCardBytes?: number;
}

export async function poll(
  bookUrl: string,
  credentials: Credentials,
  state: SyncState,
  options: PollOptions,
): Promise<PollResult> {
  const request = (method: string, depth: '0' | '1', body: string) =>
    davRequest(bookUrl, { method, depth, body }, credentials, options);

  let listing: Map<string, string | null>; // href → etag, null when reported removed
  let full: boolean;
  let token: string | null = null;
  let ctag: string | null = state.ctag;
  let mode: PollResult['mode'];
  if (options.supportsSync) {
    let answer = await request('REPORT', '1', syncCollectionBody(state.token));
    full = state.token === null;
    mode = full ? 'full-sync-collection' : 'sync-collection';
    if (state.token !== null && isTokenRefused(answer.status, answer.body)) {
      // The token expired or was never valid: start again from a full listing.
      answer = await request('REPORT', '1', syncCollectionBody(null));
      full = true;
      mode = 'full-sync-collection';
    }
    const ms = multistatus(answer, 'sync-collection');
    token = ms.syncToken;
    listing = new Map();
    for (const entry of ms.entries) {
      if (sameCollection(entry.href, bookUrl)) continue;
      const removed = entry.status === 404 || entry.status === 410;
      listing.set(entry.href, removed ? null : text(entry.props['getetag']) || '');
    }
  } else {
    const head = multistatus(await request('PROPFIND', '0', propfindBody(['cs:getctag', 'd:sync-token'])), 'getctag');
    const props = head.entries[0]?.props ?? {};
    const current = text(props['getctag']) || text(props['sync-token']) || null;
    if (current !== null && current === state.ctag) {
      return {
        state: { ...state, etags: { ...state.etags } },
        upserts: [],
        deletes: [],
        errors: [],
        mode: 'ctag-unchanged',
      };
    }
    ctag = current;
    full = true;
    mode = 'etag-listing';
    const ms = multistatus(await request('PROPFIND', '1', propfindBody(['d:getetag', 'd:resourcetype'])), 'listing');
    listing = new Map();
    for (const entry of ms.entries) {
      if (sameCollection(entry.href, bookUrl) || 'collection' in asObject(entry.props['resourcetype'])) continue;
      listing.set(entry.href, text(entry.props['getetag']) || '');
    }
  }

  const etags: Record<string, string> = { ...state.etags };
  const deletes: string[] = [];
  const wanted: string[] = [];
  for (const [href, etag] of listing) {
    if (etag === null) {
      if (href in etags) deletes.push(href);
      delete etags[href];
    } else if (etag === '' || etags[href] !== etag) wanted.push(href);
  }
  if (full) {
    for (const href of Object.keys(etags)) {
      if (!listing.has(href)) {
        deletes.push(href);
        delete etags[href];
      }
    }
  }

  const { upserts, errors } = await fetchCards(bookUrl, credentials, wanted, options);
  for (const card of upserts) etags[card.href] = card.etag;
  // A card that failed is dropped from the state, so that the next full listing fetches it again.
  for (const error of errors) delete etags[error.href];
  return { state: { token, ctag, etags }, upserts, deletes, errors, mode };
}

function isTokenRefused(status: number, body: string): boolean {
  // RFC 6578 §3.2: 403 with DAV:valid-sync-token; some servers answer 409 or 400 with the same precondition, and
  // Xandikos fails with 500 on a token it cannot look up. Any of these with a token sent: list everything again.
  if ((status === 403 || status === 409 || status === 400) && /valid-sync-token/.test(body)) return true;
  return status === 400 || status === 409 || status === 412 || status === 500;
}

function sameCollection(href: string, bookUrl: string): boolean {
  const strip = (p: string): string => decodeURIComponent(p).replace(/\/+$/, '');
  return strip(href) === strip(new URL(bookUrl).pathname);
}

function asObject(value: unknown): object {
  return value && typeof value === 'object' ? value : {};
}

async function fetchCards(
  bookUrl: string,
  credentials: Credentials,
  hrefs: string[],
  options: PollOptions,
): Promise<{ upserts: CardUpsert[]; errors: CardError[] }> {
  const batchSize = options.batchSize ?? 100;
  const maxCardBytes = options.maxCardBytes ?? MB;
  const upserts: CardUpsert[] = [];
  const errors: CardError[] = [];
  const fetchBatch = async (batch: string[]): Promise<void> => {
    let answer;
    try {
      answer = await davRequest(
        bookUrl,
        { method: 'REPORT', depth: '1', body: multigetBody(batch) },
        credentials,
        options,
      );
    } catch (error) {
      // An answer over the size cap: halve the batch until the oversized card stands alone.
      if (error instanceof CardDavError && error.kind === 'too-large') {
        if (batch.length === 1) {
          errors.push(cardError(batch[0]!, 'card-too-large', error.detail, maxCardBytes));
          return;
        }
        const half = Math.ceil(batch.length / 2);
        await fetchBatch(batch.slice(0, half));
        await fetchBatch(batch.slice(half));
        return;
      }
      throw error;
    }
    if (answer.status === 404 || answer.status === 410) throw fromStatus(answer.url, answer.status, 'multiget');
    const ms = multistatus(answer, 'addressbook-multiget');
    const seen = new Set<string>();
    for (const entry of ms.entries) {
      if (!batch.includes(entry.href)) continue;
      seen.add(entry.href);
      const data = entry.props['address-data'];
      const vcard = rawText(data);
      if (entry.status !== null && (entry.status < 200 || entry.status > 299)) {
        errors.push(cardError(entry.href, 'card-status', `HTTP ${entry.status}`, entry.status));
      } else if (data === undefined) {
        // i18n-ignore: technical detail for the log
        errors.push(cardError(entry.href, 'card-missing', 'no address-data', 0));
      } else if (Buffer.byteLength(vcard) > maxCardBytes) {
        errors.push(cardError(entry.href, 'card-too-large', `${Buffer.byteLength(vcard)} bytes`, maxCardBytes));
      } else {
        upserts.push({ href: entry.href, etag: text(entry.props['getetag']), vcard });
      }
    }
    for (const href of batch) {
      // i18n-ignore: technical detail for the log
      if (!seen.has(href)) errors.push(cardError(href, 'card-missing', 'not in the multiget answer', 0));
    }
  };
  for (let i = 0; i < hrefs.length; i += batchSize) await fetchBatch(hrefs.slice(i, i + batchSize));
  return { upserts, errors };
}

function cardError(href: string, kind: CardErrorKind, detail: string, value: number): CardError {
  const message =
    kind === 'card-too-large'
      ? t('carddav.card.too-large', { limit: value / MB })
      : kind === 'card-status'
        ? t('carddav.card.status', { status: value })
        : t('carddav.card.missing');
  return { href, kind, message, detail };
}

export type { CardDavErrorKind };
