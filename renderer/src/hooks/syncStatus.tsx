import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SyncStatusView } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { useAppEvent } from './useAppEvent.ts';
import { useLoad } from './useLoad.ts';

const SyncStatus = createContext<SyncStatusView | null>(null);

/** One copy of the sync status for the whole page: pushed `sync-status` events, and a reload on `data-changed`. */
export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const loaded = useLoad(() => api.syncStatus(), 'sync-status');
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    if (loaded.data) setStatus(loaded.data);
  }, [loaded.data]);
  useAppEvent((event) => {
    if (event.type === 'sync-status') setStatus(event.status);
  });
  return <SyncStatus.Provider value={status}>{children}</SyncStatus.Provider>;
}

/** The latest sync status, or null before the first answer. */
export function useSyncStatus(): SyncStatusView | null {
  return useContext(SyncStatus);
}
