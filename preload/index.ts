import { contextBridge, ipcRenderer } from 'electron';
import type { KithApi } from '../main/ipc/contract.ts';
import { EVENT_CHANNEL, methodChannels } from '../main/ipc/methods.ts';

// One named function per contract method, each bound to its own channel, so the page
// can never choose a channel or reach ipcRenderer itself.
const api = Object.fromEntries(
  Object.entries(methodChannels).map(([method, channel]) => [
    method,
    (...args: unknown[]) => ipcRenderer.invoke(channel, ...args),
  ]),
) as unknown as Omit<KithApi, 'onEvent'>;

// Pushed state (sync progress, joins): the listener gets the event only, never the IPC event object.
const onEvent: KithApi['onEvent'] = (listener) => {
  const wrapped = (_event: unknown, payload: unknown) => listener(payload as Parameters<typeof listener>[0]);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  };
};

contextBridge.exposeInMainWorld('kith', { ...api, onEvent } satisfies KithApi);
