import { contextBridge, ipcRenderer } from 'electron';
import type { KithApi } from '../main/ipc/contract.ts';
import { methodChannels } from '../main/ipc/methods.ts';

// One named function per contract method, each bound to its own channel, so the page
// can never choose a channel or reach ipcRenderer itself.
const api = Object.fromEntries(
  Object.entries(methodChannels).map(([method, channel]) => [
    method,
    (...args: unknown[]) => ipcRenderer.invoke(channel, ...args),
  ]),
) as unknown as KithApi;

contextBridge.exposeInMainWorld('kith', api);
