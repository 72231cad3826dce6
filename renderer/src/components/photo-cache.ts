/**
 * Contact photos for the avatars on screen, fetched one at a time as rows appear and kept in a small cache, so a list
 * of 20,000 contacts never asks for more than the rows shown. A change to the data (an import) empties the cache.
 *
 * The cache listens for changes from its first use for as long as the app runs, whether or not an avatar is on
 * screen: contact ids are reused, so a photo kept across a change could show on another contact.
 */
import { api, onAppEvent } from '../api.ts';

/** Photos kept: a few screens' worth; each is at most 256 KB, most far less. */
const LIMIT = 200;

const cache = new Map<number, Promise<string | null>>();
let generation = 0;
const listeners = new Set<() => void>();
let watching = false;

function watchChanges(): void {
  if (watching) return;
  onAppEvent((event) => {
    if (event.type !== 'data-changed') return;
    cache.clear();
    generation++;
    for (const l of listeners) l();
  });
  watching = true;
}

/** The photo of contact `id` as a `data:` URL, or null; a failed fetch is forgotten, to be tried again later. */
export function loadPhoto(id: number): Promise<string | null> {
  watchChanges();
  let found = cache.get(id);
  if (found) {
    // Most recently used last: the first key is the one to drop.
    cache.delete(id);
  } else {
    const fetched: Promise<string | null> = api.contactPhoto(id).catch((err: unknown) => {
      if (cache.get(id) === fetched) cache.delete(id);
      throw err;
    });
    found = fetched;
  }
  cache.set(id, found);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return found;
}

/** Bumped whenever cached photos may be stale; avatars fetch again when it changes. */
export function photoGeneration(): number {
  return generation;
}

export function subscribePhotos(listener: () => void): () => void {
  watchChanges();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
