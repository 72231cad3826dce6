/**
 * Contact photos for the avatars on screen, fetched one at a time as rows appear and kept in a small cache, so a list
 * of 20,000 contacts never asks for more than the rows shown. A change to the data (an import) empties the cache.
 */
import { api, onAppEvent } from '../api.ts';

/** Photos kept: a few screens' worth; each is at most 256 KB, most far less. */
const LIMIT = 200;

const cache = new Map<number, Promise<string | null>>();
let generation = 0;
const listeners = new Set<() => void>();
let unsubscribe: (() => void) | null = null;

/** The photo of contact `id` as a `data:` URL, or null; a failed fetch is forgotten, to be tried again later. */
export function loadPhoto(id: number): Promise<string | null> {
  let found = cache.get(id);
  if (found) {
    // Most recently used last: the first key is the one to drop.
    cache.delete(id);
  } else {
    found = api.contactPhoto(id).catch((err: unknown) => {
      cache.delete(id);
      throw err;
    });
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
  listeners.add(listener);
  unsubscribe ??= onAppEvent((event) => {
    if (event.type !== 'data-changed') return;
    cache.clear();
    generation++;
    for (const l of listeners) l();
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}
