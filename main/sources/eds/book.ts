// i18n-ignore-file: D-Bus member, interface and key-file names, never shown.
/**
 * One address book over D-Bus: opened through the factory (`OpenAddressBook`, then `Open` on the book, which is tied
 * to the connection that opened it), read whole, and followed through a live view.
 */
import { t } from '../../../i18n/index.ts';
import { call, subscribe, type Bus, type Target } from './bus.ts';
import { isCard, toCard, type ContactProblem, type EdsCard } from './cards.ts';
import { classify, reasonOf } from './errors.ts';

const FACTORY_PATH = '/org/gnome/evolution/dataserver/AddressBookFactory';
const FACTORY = 'org.gnome.evolution.dataserver.AddressBookFactory';
const BOOK = 'org.gnome.evolution.dataserver.AddressBook';
const VIEW = 'org.gnome.evolution.dataserver.AddressBookView';
/** Matches every contact. The empty query works for GetContactList but not for a view in EDS 3.46. */
export const ALL = '(contains "x-evolution-any-field" "")';

export interface OpenBook {
  uid: string;
  /** The name messages use: the display name, else the uid. */
  name: string;
  target: Target;
}

export async function openBook(bus: Bus, factoryName: string, uid: string, name: string): Promise<OpenBook> {
  try {
    const [path, busName] = await call(
      bus,
      { destination: factoryName, path: FACTORY_PATH, interface: FACTORY },
      'OpenAddressBook',
      's',
      [uid],
    );
    const target = { destination: busName as string, path: path as string, interface: BOOK };
    await call(bus, target, 'Open');
    return { uid, name, target };
  } catch (err) {
    throw classify(err, name);
  }
}

export interface BookContents {
  cards: EdsCard[];
  problems: ContactProblem[];
}

/**
 * Every contact as a vCard. When the whole list cannot be had (one broken contact can fail it), the contacts are read
 * one by one so that only the broken ones are skipped.
 */
export async function readContents(bus: Bus, book: OpenBook): Promise<BookContents> {
  const out: BookContents = { cards: [], problems: [] };
  let vcards: string[];
  try {
    [vcards] = (await call(bus, book.target, 'GetContactList', 's', [ALL])) as [string[]];
  } catch (err) {
    const failure = classify(err, book.name);
    if (failure.kind !== 'failed') throw failure;
    return readOneByOne(bus, book);
  }
  vcards.forEach((vcard, index) => {
    const read = toCard(vcard, book.name, index);
    if (isCard(read)) out.cards.push(read);
    else out.problems.push(read);
  });
  return out;
}

async function readOneByOne(bus: Bus, book: OpenBook): Promise<BookContents> {
  const out: BookContents = { cards: [], problems: [] };
  let uids: string[];
  try {
    [uids] = (await call(bus, book.target, 'GetContactListUids', 's', [ALL])) as [string[]];
  } catch (err) {
    throw classify(err, book.name);
  }
  for (const [index, uid] of uids.entries()) {
    try {
      const [vcard] = (await call(bus, book.target, 'GetContact', 's', [uid])) as [string];
      const read = toCard(vcard, book.name, index, uid);
      if (isCard(read)) out.cards.push(read);
      else out.problems.push(read);
    } catch (err) {
      const failure = classify(err, book.name);
      if (failure.kind !== 'failed') throw failure;
      out.problems.push({ uid, message: t('eds.contactUnreadable', { book: book.name, uid, reason: reasonOf(err) }) });
    }
  }
  return out;
}

export type BookChange =
  { type: 'added'; card: EdsCard } | { type: 'modified'; card: EdsCard } | { type: 'removed'; uid: string };

export interface ViewListener {
  change(change: BookChange): void;
  problem(problem: ContactProblem): void;
}

/**
 * Starts a live view of every contact. `ObjectsAdded` and `ObjectsModified` carry pairs of vCard and uid,
 * `ObjectsRemoved` the uids. Returns the function that stops and disposes of the view.
 */
export async function startView(bus: Bus, book: OpenBook, listener: ViewListener): Promise<() => Promise<void>> {
  let unsubscribe: (() => Promise<void>) | null = null;
  try {
    const [path] = (await call(bus, book.target, 'GetView', 's', [ALL])) as [string];
    const view = { destination: book.target.destination, path, interface: VIEW };
    let seen = 0;
    unsubscribe = await subscribe(bus, view.destination, path, VIEW, (member, body) => {
      const items = (body[0] ?? []) as string[];
      if (member === 'ObjectsRemoved') {
        for (const uid of items) listener.change({ type: 'removed', uid });
        return;
      }
      if (member !== 'ObjectsAdded' && member !== 'ObjectsModified') return;
      const type = member === 'ObjectsAdded' ? 'added' : 'modified';
      for (let i = 0; i + 1 < items.length; i += 2) {
        const read = toCard(items[i]!, book.name, seen++, items[i + 1]);
        if (isCard(read)) listener.change({ type, card: read });
        else listener.problem(read);
      }
    });
    // Without this flag EDS would first send every contact as added; the caller reads them whole instead.
    await call(bus, view, 'SetFlags', 'u', [0]);
    await call(bus, view, 'Start');
    const stopSignals = unsubscribe;
    return async () => {
      await stopSignals();
      await call(bus, view, 'Stop').catch(() => {});
      await call(bus, view, 'Dispose').catch(() => {});
    };
  } catch (err) {
    await unsubscribe?.();
    throw classify(err, book.name);
  }
}
