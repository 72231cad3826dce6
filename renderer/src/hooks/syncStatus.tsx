import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SyncStatusView } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { useAppEvent } from './useAppEvent.ts';
import { useLoad } from './useLoad.ts';

const SyncStatus = createContext<SyncStatusView | null>(null);

/** The later of two views: a reply computed before an event can arrive after it. */
function later(current: SyncStatusView | null, next: SyncStatusView): SyncStatusView {
  return current && current.seq > next.seq ? current : next;
}

/** One copy of the sync status for the whole page: pushed `sync-status` events, and a reload on `data-changed`. */
export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const loaded = useLoad(() => api.syncStatus(), 'sync-status');
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    const data = loaded.data;
    if (data) setStatus((current) => later(current, data));
  }, [loaded.data]);
  useAppEvent((event) => {
    if (event.type === 'sync-status') setStatus((current) => later(current, event.status));
  });
  return <SyncStatus.Provider value={status}>{children}</SyncStatus.Provider>;
}

/** The latest sync status, or null before the first answer. */
export function useSyncStatus(): SyncStatusView | null {
  return useContext(SyncStatus);
}
