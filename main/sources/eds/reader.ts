// i18n-ignore-file: D-Bus member, interface and key-file names, never shown.
/**
 * Kith's reader of GNOME's address books (evolution-data-server), over the session bus. It lists the address books,
 * reads each whole as vCards with uid and REV, and follows their changes live. It never writes to them.
 *
 * Following: call `follow` first, then `readBook`; a change that lands in between comes twice, which is harmless
 * since a card is keyed by its uid.
 */
import { connectSessionBus, subscribe, type Bus } from './bus.ts';
import { openBook, readContents, startView, type BookChange, type BookContents, type OpenBook } from './book.ts';
import type { ContactProblem } from './cards.ts';
import { bookGone, classify, EdsError, stopped } from './errors.ts';
import { findService, listAddressBooks, sourceExists, watchRemovals, type AddressBook } from './registry.ts';

export type { AddressBook } from './registry.ts';
export type { BookChange } from './book.ts';
export type { ContactProblem, EdsCard } from './cards.ts';
export { EdsError, type EdsFailureKind } from './errors.ts';

export interface FollowListener {
  change(change: BookChange): void;
  /** A contact that arrived but could not be read; the others still come. */
  problem?(problem: ContactProblem): void;
  /** Following has ended: the book was removed ('book-gone') or the service stopped ('stopped'). */
  end?(error: EdsError): void;
}

export interface Following {
  stop(): Promise<void>;
}

export class EdsReader {
  private readonly names = new Map<string, string>();
  private readonly opened = new Map<string, Promise<OpenBook>>();

  private readonly bus: Bus;
  private readonly sources: string;
  private readonly factory: string;

  private constructor(bus: Bus, sources: string, factory: string) {
    this.bus = bus;
    this.sources = sources;
    this.factory = factory;
  }

  /** Connects to the session bus (`address` overrides DBUS_SESSION_BUS_ADDRESS) and finds EDS's services. */
  static async connect(address?: string | null): Promise<EdsReader> {
    const bus = await connectSessionBus(address === undefined ? undefined : address);
    try {
      return new EdsReader(bus, await findService(bus, 'Sources'), await findService(bus, 'AddressBook'));
    } catch (err) {
      bus.disconnect();
      throw classify(err, '');
    }
  }

  /** The enabled address books. */
  async listAddressBooks(): Promise<AddressBook[]> {
    try {
      const books = await listAddressBooks(this.bus, this.sources);
      for (const book of books) this.names.set(book.uid, book.displayName);
      return books;
    } catch (err) {
      throw classify(err, '');
    }
  }

  /**
   * Every contact of the book `uid`; contacts that cannot be read are listed in `problems`. A book removed while open
   * still answers with no contacts, so the registry is asked afterwards whether it is still there.
   */
  async readBook(uid: string): Promise<BookContents> {
    let contents: BookContents;
    try {
      contents = await readContents(this.bus, await this.open(uid));
    } catch (err) {
      // The factory may have restarted since the book was opened: open it again, once.
      if (!this.opened.has(uid) || !(err instanceof EdsError) || err.kind === 'failed') throw err;
      this.opened.delete(uid);
      contents = await readContents(this.bus, await this.open(uid));
    }
    if (!(await this.exists(uid))) {
      this.opened.delete(uid);
      throw bookGone(this.names.get(uid) ?? uid);
    }
    return contents;
  }

  /** Follows the changes of the book `uid` until `stop()`, the book's removal or the service's end. */
  async follow(uid: string, listener: FollowListener): Promise<Following> {
    const book = await this.open(uid);
    let ended = false;
    const stops: Array<() => Promise<void>> = [];
    const stop = async () => {
      ended = true;
      this.opened.delete(uid);
      for (const each of stops.splice(0)) await each().catch(() => {});
    };
    const end = (error: EdsError) => {
      if (ended) return;
      void stop().then(() => listener.end?.(error));
    };
    try {
      stops.push(
        await watchRemovals(this.bus, this.sources, (removed) => {
          if (removed === uid) end(bookGone(book.name));
        }),
      );
      stops.push(
        await subscribe(this.bus, 'org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', (m, b) => {
          if (m === 'NameOwnerChanged' && b[0] === book.target.destination && b[2] === '') end(stopped(book.name));
        }),
      );
      stops.push(
        await startView(this.bus, book, {
          change: (change) => {
            if (!ended) listener.change(change);
          },
          problem: (problem) => {
            if (!ended) listener.problem?.(problem);
          },
        }),
      );
    } catch (err) {
      await stop();
      throw classify(err, book.name);
    }
    return { stop };
  }

  private async exists(uid: string): Promise<boolean> {
    try {
      return await sourceExists(this.bus, this.sources, uid);
    } catch (err) {
      throw classify(err, this.names.get(uid) ?? uid);
    }
  }

  close(): void {
    this.bus.disconnect();
  }

  private open(uid: string): Promise<OpenBook> {
    let found = this.opened.get(uid);
    if (!found) {
      found = openBook(this.bus, this.factory, uid, this.names.get(uid) ?? uid);
      found.catch(() => this.opened.delete(uid));
      this.opened.set(uid, found);
    }
    return found;
  }
}
