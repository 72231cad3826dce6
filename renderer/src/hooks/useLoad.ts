import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppEvent } from '../../../main/ipc/contract.ts';
import { errorText } from '../api.ts';
import { useAppEvent } from './useAppEvent.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  reload: () => void;
}

/** Bursts of events (a sync run's progress) cause one reload, at most this often. */
const RELOAD_GAP_MS = 300;

/**
 * Loads once when `key` changes and again whenever one of `refreshOn` is pushed. Only the latest answer is kept,
 * so a slow reply never overwrites a newer one; the previous data stays on screen while reloading.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
  refreshOn: AppEvent['type'][] = ['data-changed'],
): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null }>({ data: undefined, error: null });
  const latestLoad = useRef(load);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latestLoad.current = load;
  });

  const reload = useCallback(() => {
    const mine = ++sequence.current;
    latestLoad.current().then(
      (data) => {
        if (mine === sequence.current) setState({ data, error: null });
      },
      (error: unknown) => {
        if (mine === sequence.current) setState((s) => ({ data: s.data, error: errorText(error) }));
      },
    );
  }, []);

  useEffect(() => {
    reload();
  }, [key, reload]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      sequence.current++;
    },
    [],
  );

  useAppEvent((event) => {
    if (!refreshOn.includes(event.type) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      reload();
    }, RELOAD_GAP_MS);
  });

  return { ...state, reload };
}
