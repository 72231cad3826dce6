import { useState } from 'react';
import type { AppEvent } from '../../../main/ipc/contract.ts';
import { errorText } from '../api.ts';
import { useLoad } from './useLoad.ts';

export interface Pages<T> {
  items: T[];
  /** False until the first page has arrived. */
  loaded: boolean;
  error: string | null;
  busy: boolean;
  canLoadMore: boolean;
  loadMore: () => void;
}

/**
 * A list read a page at a time: the first page (re)loaded as `useLoad` does, later pages on demand. Without a
 * known `total`, a short page marks the end.
 */
export function usePages<T>(
  load: (offset: number, limit: number) => Promise<T[]>,
  key: string,
  size: number,
  options: { total?: number; refreshOn?: AppEvent['type'][] } = {},
): Pages<T> {
  const first = useLoad(() => load(0, size), key, options.refreshOn);
  const [later, setLater] = useState<T[]>([]);
  const [more, setMore] = useState<{ busy: boolean; end: boolean; error: string | null }>({
    busy: false,
    end: false,
    error: null,
  });
  const [seen, setSeen] = useState(() => JSON.stringify(first.data ?? null));
  const firstText = JSON.stringify(first.data ?? null);
  if (seen !== firstText) {
    // The first page changed (a new upload): pages fetched after it would now overlap it or miss rows.
    setSeen(firstText);
    setLater([]);
    setMore({ busy: false, end: false, error: null });
  }
  const items = [...(first.data ?? []), ...later];

  async function fetchMore(): Promise<void> {
    setMore((m) => ({ ...m, busy: true }));
    try {
      const page = await load(items.length, size);
      setLater((list) => [...list, ...page]);
      setMore({ busy: false, end: page.length < size, error: null });
    } catch (err) {
      setMore({ busy: false, end: false, error: errorText(err) });
    }
  }

  const full = (first.data?.length ?? 0) === size;
  const canLoadMore = options.total !== undefined ? items.length < options.total : full && !more.end;
  return {
    items,
    loaded: first.data !== undefined,
    error: first.error ?? more.error,
    busy: more.busy,
    canLoadMore: first.data !== undefined && canLoadMore,
    loadMore: () => void fetchMore(),
  };
}
