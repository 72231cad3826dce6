// The IPC contract between the UI and the main process. Types only, so the renderer,
// the preload and the engine can all import it without pulling in runtime code.

import type { MessageId, MessageValues } from '../../i18n/index.ts';

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
  /** The colours the user picked; `system` follows the OS's light or dark setting. */
  theme: Theme;
  /** Sign-outs done on this device that their server has not confirmed yet. */
  pendingSignOuts: PendingSignOutView[];
  /** The app's data folder: its store kith.db and the copies of imported files. */
  dataFolder: string;
}

export type Theme = 'system' | 'light' | 'dark';

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

/** A problem the import met in a file. The app shows them grouped per file, and copies them as `file:line: message`. */
export interface SourceIssue {
  /** The path the file was imported from (the app shows its name only). */
  file: string;
  /** 1-based line of the problem: the card's or row's first line when nothing better is known. */
  line: number;
  /** One whole sentence, without the file and line ("This card has no name and no phone number, so it was skipped."). */
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

export type ContactFilter = 'all' | 'on-kith' | 'not-on-kith' | 'invalid' | 'to-check' | 'excluded';

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
  /** How many cards (contacts) are shown as this one person. */
  cards: number;
  onKith: boolean;
  excluded: boolean;
  /** The worst status among its numbers. */
  status: PhoneStatus | 'none';
  /** Some number of it waits for the user to check its country, and is not uploaded until then. */
  toCheck: boolean;
  /**
   * The contact whose photo to show (see `contactPhoto`): the first card of the person that has one, or null when none
   * has. Fetched only for the rows on screen.
   */
  photo: number | null;
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
  /** The home country (ISO 3166), the default for numbers written without a country code; null when unset. */
  home: string | null;
  /** The contact whose photo to show (see `contactPhoto`): the first card that has one, or null when none has. */
  photo: number | null;
  /** The user split this card from the person it would be shown in. */
  apart: boolean;
  /** The cards shown as this person, first one first (its id is the person's). */
  cards: Array<{ id: number; name: string; source: string; line: number; excluded: boolean }>;
  phones: Array<{
    /** The card it comes from (the first that holds it), which `setNumberCountry` takes with `position`. */
    contactId: number;
    /** Its place in the contact, which `setNumberCountry` takes. */
    position: number;
    raw: string;
    label: string;
    e164: string | null;
    ext: string | null;
    status: PhoneStatus;
    reason: string;
    onKith: boolean;
    excluded: boolean;
    /** Written without a country code, so that its country can be chosen. */
    choosable: boolean;
    /** The country the user gave it (ISO 3166), or null when the home default applies. */
    chosenCountry: string | null;
    /** Set when it waits for the user to check its country; it is not uploaded until then. */
    check: CountryCheckView | null;
  }>;
}

/** Why a number waits for a check, and the likeliest other reading, if any. */
export interface CountryCheckView {
  /** The service it reads as at home: 'premium-rate', 'toll-free', 'shared-cost' or 'universal access'. */
  kind: string;
  /** The home country it was read in. */
  home: string;
  /** The same digits read in another country among the user's numbers (or North America), as a person's number. */
  suggestion: { country: string; e164: string; display: string } | null;
}

/** After the home country changed: the new state, and how many stored numbers now read differently. */
export interface HomeCountryChange {
  state: AppState;
  renormalized: number;
}

export interface JoinedView {
  name: string;
  e164: string;
  /** The number formatted as the Contacts screen shows it. */
  display: string;
  /** How many other contacts hold the number too. */
  others: number;
  /** False when no saved name exists and `name` is the formatted number. */
  saved: boolean;
  since: number | null;
  /** The id of a contact holding the number whose photo to show (see `contactPhoto`), or null when none has one. */
  photo: number | null;
  /** The person whose saved name is shown (numbers of one person share it); null without a saved name. */
  person: number | null;
}

/** A number as the user reads it: formatted, with the name saved for it (names never leave the device). */
export interface NamedNumberView {
  e164: string;
  /** Formatted as the Contacts screen shows it: national at home, international otherwise. */
  display: string;
  /** The saved name of a contact who holds it, or null when none does (or none has a name). */
  name: string | null;
  /** How many other contacts hold it too. */
  others: number;
}

export interface ActivityView {
  at: number;
  kind: 'sync' | 'join' | 'error';
  /** The sentence in English as written; shown when there is no id. */
  message: string;
  /** The catalog sentence and its arguments, formatted by the page in its locale. */
  messageId: MessageId | null;
  args: MessageValues | null;
}

/** One sync run in the upload log (every batch one sync sent), or a deletion, with its totals. */
export interface UploadRunView {
  /** What `uploadRunBatches` takes. */
  id: number;
  /** When the sync started, or when the deletion happened. */
  at: number;
  kind: 'sync' | 'deleted';
  batches: number;
  /** Numbers the server added and removed. */
  added: number;
  removed: number;
  /** Batches the server refused, and how many numbers they held. */
  refusedBatches: number;
  refusedNumbers: number;
  /** For a run of one row: what a deletion did, or why the batch was refused. */
  detail: string | null;
}

/** One batch of a run, without its numbers (`uploadBatchNumbers` pages through them). */
export interface UploadBatchView {
  id: number;
  batchId: string;
  at: number;
  added: number;
  removed: number;
  result: 'applied' | 'rejected' | 'deleted';
  detail: string | null;
}

export interface UploadNumbersPage {
  total: number;
  offset: number;
  numbers: Array<NamedNumberView & { change: 'added' | 'removed' }>;
}

export interface ExclusionsView {
  /** Excluded contacts: the first number formatted, and how many numbers the contact has. */
  contacts: Array<{ id: number; name: string; phone: string; phones: number }>;
  numbers: NamedNumberView[];
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
export type AppScreen = 'privacy' | 'settings' | 'sources';

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
  /** Re-reads every number written without a country code. */
  'settings:set-home-country': { method: 'setHomeCountry'; args: [region: string]; result: HomeCountryChange };
  'settings:set-theme': { method: 'setTheme'; args: [theme: Theme]; result: AppState };
  /** Opens the data folder in the OS file manager; the result is its path. The page cannot choose the path. */
  'app:show-data-folder': { method: 'showDataFolder'; args: []; result: string };

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
  /** The contact's photo as a `data:` URL of the image checked on import, or null when it has none. */
  'contacts:photo': { method: 'contactPhoto'; args: [id: number]; result: string | null };
  'contacts:set-excluded': { method: 'setContactExcluded'; args: [id: number, excluded: boolean]; result: boolean };
  /** Splits a card from the person it is shown in (`apart`), or shows it in that person again. */
  'contacts:set-apart': { method: 'setContactApart'; args: [id: number, apart: boolean]; result: boolean };
  'numbers:set-excluded': { method: 'setNumberExcluded'; args: [e164: string, excluded: boolean]; result: boolean };
  /**
   * The country of one number written without a country code (`null`: the home default again); confirming a number
   * to check is giving it the home country. The result is how many stored numbers now read differently.
   */
  'numbers:set-country': {
    method: 'setNumberCountry';
    args: [contactId: number, position: number, country: string | null];
    result: number;
  };
  /** The same for every number of a contact written without a country code. */
  'contacts:set-country': {
    method: 'setContactCountry';
    args: [contactId: number, country: string | null];
    result: number;
  };
  'contacts:joined': { method: 'joined'; args: []; result: JoinedView[] };

  'sync:status': { method: 'syncStatus'; args: []; result: SyncStatusView };
  // One button per state calls these: the status bar's "Sync now" (all well) or "Try again" (a sync failed or waits
  // to retry), and the Privacy screen's resume after a pause.
  /** A pass now, skipping backoff waits. */
  'sync:now': { method: 'syncNow'; args: []; result: SyncRunView };
  /** After a failure: every queued batch due now, refused numbers given another chance, the server probed, a pass. */
  'sync:retry': { method: 'retryNow'; args: []; result: SyncRunView };
  /** Uploads no longer paused, then a pass. */
  'sync:resume': { method: 'resumeSync'; args: []; result: SyncRunView };

  'privacy:upload-runs': { method: 'uploadRuns'; args: [offset: number, limit: number]; result: UploadRunView[] };
  'privacy:upload-run-batches': {
    method: 'uploadRunBatches';
    args: [runId: number, offset: number, limit: number];
    result: UploadBatchView[];
  };
  'privacy:upload-batch-numbers': {
    method: 'uploadBatchNumbers';
    args: [batchId: number, offset: number, limit: number];
    result: UploadNumbersPage;
  };
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
