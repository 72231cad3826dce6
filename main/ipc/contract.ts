// The IPC contract between the UI and the main process. Types only, so the renderer,
// the preload and the engine can all import it without pulling in runtime code.

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
}

export type PhoneStatus = 'valid' | 'possible' | 'invalid';

/** Where the app stands: what onboarding still needs, and which server it talks to. */
export interface AppState {
  ownNumber: string | null;
  region: string | null;
  server: { url: string; demo: boolean } | null;
  signedIn: boolean;
  notifications: boolean;
  /** Sign-outs done on this device that their server has not confirmed yet. */
  pendingSignOuts: PendingSignOutView[];
}

/** A sign-out the server could not be told of yet; it is sent whenever that server can be reached. */
export interface PendingSignOutView {
  server: string;
  since: number;
  lastError: string | null;
}

export interface VerificationStarted {
  /** A local demo server hands the code back so onboarding works offline. */
  devCode: string | null;
}

export interface SourceIssue {
  file: string;
  line: number;
  message: string;
}

export interface SourceSummary {
  id: number;
  path: string;
  name: string;
  kind: 'vcard' | 'csv';
  importedAt: number;
  recordsRead: number;
  contacts: number;
  numbers: { valid: number; possible: number; invalid: number };
  issues: SourceIssue[];
}

export interface ImportReport {
  file: string;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  contacts: number;
  issues: SourceIssue[];
  /** Set when the file could not be imported at all. */
  error: string | null;
}

/** A file chosen in the page (drag and drop, or a file input): its name and bytes, base64. */
export interface UploadedFile {
  name: string;
  data: string;
}

export type ContactFilter = 'all' | 'on-kith' | 'not-on-kith' | 'invalid' | 'excluded';

export interface ContactQuery {
  offset: number;
  limit: number;
  search: string;
  filter: ContactFilter;
}

export interface ContactRowView {
  id: number;
  name: string;
  /** The first number, formatted for display, or the raw text when it has no E.164 form. */
  phone: string;
  phones: number;
  onKith: boolean;
  excluded: boolean;
  /** The worst status among its numbers. */
  status: PhoneStatus | 'none';
}

export interface ContactPage {
  total: number;
  offset: number;
  rows: ContactRowView[];
}

export interface ContactDetail {
  id: number;
  name: string;
  excluded: boolean;
  source: string;
  line: number;
  phones: Array<{
    raw: string;
    label: string;
    e164: string | null;
    ext: string | null;
    status: PhoneStatus;
    reason: string;
    onKith: boolean;
    excluded: boolean;
  }>;
}

export interface JoinedView {
  name: string;
  e164: string;
  /** False when no saved name exists and `name` is the formatted number. */
  saved: boolean;
  since: number | null;
}

export interface ActivityView {
  at: number;
  kind: 'sync' | 'join' | 'error';
  message: string;
}

export interface UploadLogView {
  batchId: string;
  at: number;
  added: string[];
  removed: string[];
  result: 'applied' | 'rejected' | 'deleted';
  detail: string | null;
}

export interface ExclusionsView {
  contacts: Array<{ id: number; name: string }>;
  numbers: string[];
}

export interface SyncStatusView {
  signedIn: boolean;
  server: string | null;
  demoServer: boolean;
  connectivity: 'unknown' | 'online' | 'offline';
  paused: boolean;
  running: boolean;
  queuedBatches: number;
  queuedNumbers: number;
  rejectedNumbers: number;
  lastSyncAt: number | null;
  nextAttemptAt: number | null;
  /** What the last sync that did not finish every step said, naming the step; null once a sync finishes. */
  lastError: string | null;
  progress: { done: number; total: number } | null;
  pendingSignOuts: PendingSignOutView[];
  /** Higher for a later view: a reply and a pushed event can arrive in either order. */
  seq: number;
}

export interface SyncRunView {
  batchesSent: number;
  added: number;
  removed: number;
  matches: number;
  queued: number;
  error: string | null;
}

/** Screens the main process may ask the UI to show: the menu's Preferences…, or an address book the OS opened. */
export type AppScreen = 'privacy' | 'sources';

/** Pushed from the main process; the preload's `onEvent` delivers them. */
export type AppEvent =
  | { type: 'sync-status'; status: SyncStatusView }
  | { type: 'import-progress'; file: string; done: number; total: number }
  | { type: 'joined'; contacts: Array<{ name: string; e164: string }> }
  | { type: 'data-changed' }
  | { type: 'navigate'; screen: AppScreen };

/**
 * Every channel the UI may call. `method` is the name the UI sees on `window.kith`;
 * `args` is the positional argument tuple; `result` is the value of a successful reply.
 */
export interface IpcContract {
  'app:info': { method: 'appInfo'; args: []; result: AppInfo };
  'app:ping': { method: 'ping'; args: [nonce: string]; result: string };
  'app:state': { method: 'appState'; args: []; result: AppState };
  'settings:set-notifications': { method: 'setNotifications'; args: [enabled: boolean]; result: AppState };

  'account:set-own-number': {
    method: 'setOwnNumber';
    args: [number: string, region: string];
    result: AppState;
  };
  /** `null` uses the local demo server. */
  'account:start-verification': {
    method: 'startVerification';
    args: [serverUrl: string | null];
    result: VerificationStarted;
  };
  'account:verify': { method: 'verify'; args: [code: string]; result: AppState };
  'account:set-discoverable': { method: 'setDiscoverable'; args: [discoverable: boolean]; result: boolean };
  'account:discoverable': { method: 'discoverable'; args: []; result: boolean };
  'account:delete-data': { method: 'deleteServerData'; args: []; result: number };
  'account:delete-account': { method: 'deleteAccount'; args: []; result: AppState };
  'account:logout': { method: 'logout'; args: []; result: AppState };

  'sources:list': { method: 'listSources'; args: []; result: SourceSummary[] };
  'sources:import-files': { method: 'importFiles'; args: [files: UploadedFile[]]; result: ImportReport[] };
  /** Electron only: a native open dialog; the browser mode answers with an empty list. */
  'sources:choose-files': { method: 'chooseAndImport'; args: []; result: ImportReport[] };
  'sources:reimport': { method: 'reimportSource'; args: [id: number]; result: ImportReport };
  'sources:remove': { method: 'removeSource'; args: [id: number]; result: boolean };

  'contacts:page': { method: 'contactPage'; args: [query: ContactQuery]; result: ContactPage };
  'contacts:detail': { method: 'contactDetail'; args: [id: number]; result: ContactDetail | null };
  'contacts:set-excluded': { method: 'setContactExcluded'; args: [id: number, excluded: boolean]; result: boolean };
  'numbers:set-excluded': { method: 'setNumberExcluded'; args: [e164: string, excluded: boolean]; result: boolean };
  'contacts:joined': { method: 'joined'; args: []; result: JoinedView[] };

  'sync:status': { method: 'syncStatus'; args: []; result: SyncStatusView };
  'sync:now': { method: 'syncNow'; args: []; result: SyncRunView };
  'sync:retry': { method: 'retryNow'; args: []; result: SyncRunView };
  'sync:resume': { method: 'resumeSync'; args: []; result: SyncRunView };

  'privacy:upload-log': { method: 'uploadLog'; args: [offset: number, limit: number]; result: UploadLogView[] };
  'privacy:exclusions': { method: 'exclusions'; args: []; result: ExclusionsView };
  'activity:list': { method: 'activity'; args: [limit: number]; result: ActivityView[] };
}

export type Channel = keyof IpcContract;
export type MethodName = IpcContract[Channel]['method'];
export type ChannelOf<M extends MethodName> = {
  [C in Channel]: IpcContract[C]['method'] extends M ? C : never;
}[Channel];
export type ArgsOf<C extends Channel> = IpcContract[C]['args'];
export type ResultOf<C extends Channel> = IpcContract[C]['result'];

export type IpcErrorCode = 'invalid-arguments' | 'forbidden-sender' | 'unknown-channel' | 'internal' | 'failed';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

// Failures travel as data, not exceptions: thrown errors lose their fields when they cross
// the context bridge or an HTTP hop, a plain object does not.
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the UI sees as `window.kith`: one named function per channel, plus the event subscription. */
export type KithApi = {
  readonly [C in Channel as IpcContract[C]['method']]: (...args: ArgsOf<C>) => Promise<IpcReply<ResultOf<C>>>;
} & {
  /** Subscribes to pushed events; returns the unsubscribe function. */
  readonly onEvent: (listener: (event: AppEvent) => void) => () => void;
};
