import { useMemo, useSyncExternalStore } from 'react';
import type { ContactFilter } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { useAppEvent } from '../hooks/useAppEvent.ts';
import { PageCache } from './page-cache.ts';

export const PAGE_SIZE = 100;

/** The page cache for one search and filter; re-renders the caller whenever a page arrives. */
export function useContactPages(search: string, filter: ContactFilter): PageCache {
  const cache = useMemo(
    () => new PageCache((offset, limit) => api.contactPage({ offset, limit, search, filter }), PAGE_SIZE),
    [search, filter],
  );
  useSyncExternalStore(
    (listener) => cache.subscribe(listener),
    () => cache.version,
  );
  useAppEvent((event) => {
    if (event.type === 'data-changed') cache.invalidate();
  });
  return cache;
}
