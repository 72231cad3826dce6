import { useEffect, useRef } from 'react';
import type { AppEvent } from '../../../main/ipc/contract.ts';
import { onAppEvent } from '../api.ts';

/** Calls `listener` for every pushed AppEvent while the component is mounted; always the latest listener. */
export function useAppEvent(listener: (event: AppEvent) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onAppEvent((event) => latest.current(event)), []);
}
