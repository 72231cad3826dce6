import type { ChannelOf, MethodName } from './contract.ts';

// The one runtime copy of the method→channel mapping. The preload and the browser harness
// both build `window.kith` from it; the type makes it exhaustive and exact against the contract.
export const methodChannels: { readonly [M in MethodName]: ChannelOf<M> } = Object.freeze({
  appInfo: 'app:info',
  ping: 'app:ping',
  appState: 'app:state',
  setNotifications: 'settings:set-notifications',
  setHomeCountry: 'settings:set-home-country',
  setTheme: 'settings:set-theme',
  showDataFolder: 'app:show-data-folder',
  setOwnNumber: 'account:set-own-number',
  startVerification: 'account:start-verification',
  verify: 'account:verify',
  setDiscoverable: 'account:set-discoverable',
  discoverable: 'account:discoverable',
  deleteServerData: 'account:delete-data',
  deleteAccount: 'account:delete-account',
  logout: 'account:logout',
  listSources: 'sources:list',
  importFiles: 'sources:import-files',
  chooseAndImport: 'sources:choose-files',
  reimportSource: 'sources:reimport',
  removeSource: 'sources:remove',
  contactPage: 'contacts:page',
  contactDetail: 'contacts:detail',
  contactPhoto: 'contacts:photo',
  setContactExcluded: 'contacts:set-excluded',
  setContactApart: 'contacts:set-apart',
  setNumberExcluded: 'numbers:set-excluded',
  setNumberCountry: 'numbers:set-country',
  setContactCountry: 'contacts:set-country',
  joined: 'contacts:joined',
  syncStatus: 'sync:status',
  syncNow: 'sync:now',
  retryNow: 'sync:retry',
  resumeSync: 'sync:resume',
  uploadRuns: 'privacy:upload-runs',
  uploadRunBatches: 'privacy:upload-run-batches',
  uploadBatchNumbers: 'privacy:upload-batch-numbers',
  exclusions: 'privacy:exclusions',
  activity: 'activity:list',
});

/** The one channel the main process pushes AppEvents on. */
export const EVENT_CHANNEL = 'kith:event';
