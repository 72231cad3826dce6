import type { KithApi } from '../../main/ipc/contract.ts';

// Provided by the preload in Electron and by the harness bridge in browser mode.
declare global {
  interface Window {
    readonly kith?: KithApi;
  }
}
