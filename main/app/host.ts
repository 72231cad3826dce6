/**
 * The app's engine host: one store, one sync engine, the bundled demo server when needed, and the events the UI
 * subscribes to. Plain Node: the Electron shell and the browser harness both serve their IPC from one host.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type {
  ActivityView,
  AppEvent,
  AppInfo,
  AppState,
  HomeCountryChange,
  ExclusionsView,
  ImportReport,
  JoinedView,
  PendingSignOutView,
  SyncRunView,
  SyncStatusView,
  Theme,
  UploadBatchView,
  UploadedFile,
  UploadNumbersPage,
  UploadRunView,
} from '../ipc/contract.ts';
import { ImportFileError, importFile } from '../import/importer.ts';
import { CountryChoiceError, setContactCountry, setPhoneCountry, type CountryChange } from '../import/countries.ts';
import { applyRegionChoice, defaultRegion } from '../import/region.ts';
import { normalizePhone } from '../phone/index.ts';
import { toRegion } from '../phone/regions.ts';
import { openStore, type Db } from '../store/open.ts';
import { numberPerson } from '../store/people.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { photoContactsByNumber } from '../store/photos.ts';
import { listSources, removeSource } from '../store/sources.ts';
import { SyncEngine, type EngineOptions, type SyncSummary } from '../sync/engine.ts';
import { ServerClient } from '../sync/client.ts';
import { SyncError } from '../sync/errors.ts';
import { excludedNumbers } from '../sync/exclusions.ts';
import { activity, uploadBatchNumbers, uploadRunBatches, uploadRuns } from '../sync/history.ts';
import { displayName, excludedContacts, joinedContacts, namedNumbers } from '../sync/names.ts';
import type { PendingSignOut } from '../sync/sign-outs.ts';
import {
  deleteAccount,
  deleteServerData,
  login,
  logout,
  settingsTokenStore,
  signedInClient,
  type TokenStore,
} from '../sync/session.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';
import { t } from '../../i18n/index.ts';

/** A failure the user should read as is (the IPC layer passes its message through). */
export class UserError extends Error {
  override name = 'UserError';
}

export interface HostOptions {
  dataDir: string;
  appInfo: AppInfo;
  /** Where the session token lives; the desktop shell passes one backed by the OS keychain. */
  tokens?: (db: Db) => TokenStore;
  /** A native open dialog (Electron); absent in browser mode. */
  chooseFiles?: () => Promise<string[]>;
  /** Where the technical detail of failures goes (the user reads them in words); default `console.warn`, which the
   * desktop shell sends through its redacting log. */
  log?: (message: string) => void;
  /** Shows a folder in the OS file manager (Electron); browser mode passes one that records the call. */
  reveal?: (path: string) => Promise<void>;
  now?: () => number;
  engine?: Partial<Omit<EngineOptions, 'db' | 'tokens'>>;
}

export class AppHost extends EventEmitter<{ event: [AppEvent] }> {
  /** Numbers every status view, so that the UI can tell a pushed one from an older answer that arrives later. */
  private statusSeq = 0;
  readonly db: Db;
  readonly appInfo: AppInfo;
  readonly engine: SyncEngine;
  private readonly tokens: TokenStore;
  private readonly options: HostOptions;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private demo: DemoServer | null = null;
  /** The verification waiting for its code: the server ties the code to `sessionId`. */
  private pending: { url: string; e164: string; demo: boolean; sessionId: string } | null = null;
  private importing: Promise<unknown> = Promise.resolve();

  private constructor(options: HostOptions) {
    super();
    this.options = options;
    this.appInfo = options.appInfo;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message) => console.warn(`[kith] ${message}`));
    mkdirSync(options.dataDir, { recursive: true });
    this.db = openStore(join(options.dataDir, 'kith.db'));
    this.tokens = (options.tokens ?? settingsTokenStore)(this.db);
    this.engine = new SyncEngine({ ...options.engine, db: this.db, tokens: this.tokens, now: this.now });
    this.engine.on('status', (status) => this.push({ type: 'sync-status', status: this.statusView(status) }));
    this.engine.on('progress', () => this.push({ type: 'sync-status', status: this.syncStatus() }));
    // A failed run is already in the status (lastError) and the activity feed. This listener is also what keeps
    // EventEmitter from throwing the 'error' event, which would take the whole process down when offline.
    this.engine.on('error', (err) => {
      this.log(`sync failed: ${err.message}`); // i18n-ignore: the technical log
      this.push({ type: 'data-changed' });
    });
    // A sign-out the server has now confirmed: the state no longer lists it.
    this.engine.on('signed-out', () => this.push({ type: 'data-changed' }));
    this.engine.on('joined', (events) => {
      const contacts = events.map((e) => ({ e164: e.e164, name: displayName(this.db, e.e164) ?? e.e164 }));
      this.push({ type: 'joined', contacts });
      this.push({ type: 'data-changed' });
    });
  }

  static async open(options: HostOptions): Promise<AppHost> {
    const host = new AppHost(options);
    try {
      if (getSetting(host.db, 'demo_server') === '1') await host.ensureDemoServer();
      // Signed out with a sign-out still unconfirmed, the engine runs to send it.
      const status = host.engine.status();
      if (status.signedIn || status.pendingSignOuts.length > 0) host.engine.start();
      return host;
    } catch (err) {
      await host.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.engine.stop();
    await this.importing.catch(() => undefined);
    await this.demo?.close();
    this.demo = null;
    this.db.close();
  }

  state(): AppState {
    const url = getSetting(this.db, 'server_url');
    const status = this.engine.status();
    return {
      ownNumber: getSetting(this.db, 'own_number'),
      region: defaultRegion(this.db),
      server: url ? { url, demo: getSetting(this.db, 'demo_server') === '1' } : null,
      signedIn: status.signedIn,
      notifications: getSetting(this.db, 'notifications') !== '0',
      theme: storedTheme(getSetting(this.db, 'theme')),
      pendingSignOuts: status.pendingSignOuts.map(signOutView),
      dataFolder: resolve(this.options.dataDir),
    };
  }

  /** Opens the data folder (the store, the imported copies) in the file manager; returns its path. */
  async showDataFolder(): Promise<string> {
    const folder = resolve(this.options.dataDir);
    if (!this.options.reveal) throw new UserError(t('host.cannotOpenFolders', { folder }));
    try {
      await this.options.reveal(folder);
    } catch (err) {
      throw new UserError(
        t('host.folderNotOpened', { folder, error: err instanceof Error ? err.message : String(err) }),
      );
    }
    return folder;
  }

  /** Kept in the store, so the colours are the same on the next start; `system` removes the choice. */
  setTheme(theme: Theme): AppState {
    setSetting(this.db, 'theme', theme === 'system' ? null : theme);
    return this.state();
  }

  setNotifications(enabled: boolean): AppState {
    setSetting(this.db, 'notifications', enabled ? '1' : '0');
    return this.state();
  }

  notificationsEnabled(): boolean {
    return getSetting(this.db, 'notifications') !== '0';
  }

  /** The number as typed with the country picked; its country becomes the default region. */
  setOwnNumber(number: string, region: string): AppState {
    const code = toRegion(region);
    if (!code) throw new UserError(t('host.unknownCountry', { region }));
    const n = normalizePhone(number, code);
    if (n.status !== 'valid' || !n.e164)
      throw new UserError(t('host.invalidOwnNumber', { number, country: code, reason: n.reason }));
    applyRegionChoice(this.db, { me: n.e164 });
    this.push({ type: 'data-changed' });
    return this.state();
  }

  /**
   * The home country, the default for numbers written without a country code. Every stored number is read again
   * (once no import is writing), and the engine then sends what changed.
   */
  setHomeCountry(region: string): Promise<HomeCountryChange> {
    return this.afterImports(() => {
      const code = toRegion(region);
      if (!code) throw new UserError(t('host.unknownCountry', { region }));
      const { renormalized } = applyRegionChoice(this.db, { region: code });
      this.changed();
      return { state: this.state(), renormalized };
    });
  }

  /** The country of one number written without a country code; `null` gives it the home default again. */
  setNumberCountry(contactId: number, position: number, country: string | null): Promise<number> {
    return this.afterImports(() =>
      this.countryChange(() => setPhoneCountry(this.db, contactId, position, country, this.now())),
    );
  }

  /** The country of every number of a contact written without a country code. */
  setContactCountry(contactId: number, country: string | null): Promise<number> {
    return this.afterImports(() =>
      this.countryChange(() => setContactCountry(this.db, contactId, country, this.now())),
    );
  }

  private countryChange(apply: () => CountryChange): number {
    try {
      const { changed } = apply();
      this.changed();
      return changed;
    } catch (err) {
      if (err instanceof CountryChoiceError) throw new UserError(err.message);
      throw err;
    }
  }

  /** Runs `work` once no import is writing: an import holds the store's transaction across its awaits. */
  private afterImports<T>(work: () => T): Promise<T> {
    const run = this.importing.then(work);
    this.importing = run.catch(() => undefined);
    return run;
  }

  async startVerification(serverUrl: string | null): Promise<{ devCode: string | null }> {
    const e164 = getSetting(this.db, 'own_number');
    if (!e164) throw new UserError(t('host.ownNumberFirst'));
    const demo = serverUrl === null;
    const url = demo ? await this.ensureDemoServer() : normalizeServerUrl(serverUrl);
    const client = new ServerClient(url);
    try {
      const started = await client.startVerification(e164);
      this.pending = { url, e164, demo, sessionId: started.sessionId };
      return { devCode: started.devCode ?? null };
    } catch (err) {
      throw this.userError(err);
    } finally {
      client.close();
    }
  }

  async verify(code: string): Promise<AppState> {
    const pending = this.pending;
    if (!pending) throw new UserError(t('host.verificationFirst'));
    try {
      await login(this.db, this.tokens, pending.url, pending.e164, {
        code,
        sessionId: pending.sessionId,
        deviceName: t('host.deviceName', { platform: this.appInfo.platform }),
        now: this.now(),
      });
    } catch (err) {
      throw this.userError(err);
    }
    setSetting(this.db, 'demo_server', pending.demo ? '1' : null);
    if (!pending.demo) await this.stopDemoServer();
    this.pending = null;
    this.engine.start();
    this.push({ type: 'data-changed' });
    return this.state();
  }

  /**
   * Forgets the session at once. When the server cannot be told, the sign-out stays queued, the engine keeps
   * sending it in the background, and the state's `pendingSignOuts` says so until the server confirms.
   */
  async logout(): Promise<AppState> {
    await this.engine.stop();
    const result = await logout(this.db, this.tokens, { now: this.now });
    if (!result.confirmed) this.engine.start();
    this.push({ type: 'sync-status', status: this.syncStatus() });
    return this.state();
  }

  async discoverable(): Promise<boolean> {
    return (await this.withClient((c) => c.account())).discoverable;
  }

  async setDiscoverable(discoverable: boolean): Promise<boolean> {
    await this.withClient((c) => c.setDiscoverable(discoverable));
    return discoverable;
  }

  async deleteServerData(): Promise<number> {
    try {
      const n = await deleteServerData(this.db, this.tokens, this.now());
      this.push({ type: 'data-changed' });
      return n;
    } catch (err) {
      throw this.userError(err);
    }
  }

  async deleteAccount(): Promise<AppState> {
    await this.engine.stop();
    try {
      await deleteAccount(this.db, this.tokens, this.now());
    } catch (err) {
      throw this.userError(err);
    }
    this.push({ type: 'data-changed' });
    return this.state();
  }

  importFiles(files: UploadedFile[]): Promise<ImportReport[]> {
    const dir = join(this.options.dataDir, 'imports');
    mkdirSync(dir, { recursive: true });
    const paths = files.map((f) => {
      // The same name lands on the same path, so dropping a file again re-imports that source.
      const path = join(dir, safeFileName(f.name));
      writeFileSync(path, Buffer.from(f.data, 'base64'));
      return path;
    });
    return this.importPaths(paths);
  }

  async chooseAndImport(): Promise<ImportReport[]> {
    if (!this.options.chooseFiles) return [];
    const paths = await this.options.chooseFiles();
    return paths.length > 0 ? this.importPaths(paths) : [];
  }

  /** Imports files one after another (also across calls), then lets the engine sync what changed. */
  importPaths(paths: string[]): Promise<ImportReport[]> {
    const run = this.importing.then(async () => {
      const reports: ImportReport[] = [];
      const region = defaultRegion(this.db);
      for (const path of paths) reports.push(await this.importOne(path, region));
      this.engine.notifyChanged();
      this.push({ type: 'data-changed' });
      return reports;
    });
    this.importing = run.catch(() => undefined);
    return run;
  }

  async reimportSource(id: number): Promise<ImportReport> {
    const source = listSources(this.db).find((s) => s.id === id);
    if (!source) throw new UserError(t('host.noSource', { id }));
    const [report] = await this.importPaths([source.path]);
    return report!;
  }

  removeSource(id: number): boolean {
    const removed = removeSource(this.db, id, this.now());
    if (removed) {
      this.engine.notifyChanged();
      this.push({ type: 'data-changed' });
    }
    return removed;
  }

  changed(): void {
    this.engine.notifyChanged();
    this.push({ type: 'data-changed' });
  }

  joined(): JoinedView[] {
    const joined = joinedContacts(this.db);
    const personOf = numberPerson(this.db);
    const photos = photoContactsByNumber(
      this.db,
      joined.map((j) => j.e164),
    );
    return joined.map(({ name, e164, display, others, saved, since }) => ({
      name,
      e164,
      display,
      others,
      saved,
      since,
      photo: photos.get(e164) ?? null,
      person: saved ? personOf(e164) : null,
    }));
  }

  /** The upload log by sync run, newest first. */
  uploadRuns(offset: number, limit: number): UploadRunView[] {
    return uploadRuns(this.db, limit, offset).map(({ runId: _runId, ...run }) => run);
  }

  uploadRunBatches(runId: number, offset: number, limit: number): UploadBatchView[] {
    const batches = uploadRunBatches(this.db, runId, limit, offset);
    if (batches === null) throw new UserError(t('host.noUploadEntry', { id: runId }));
    return batches;
  }

  /** A page of one logged batch's numbers, each with the name saved for it. */
  uploadBatchNumbers(batchId: number, offset: number, limit: number): UploadNumbersPage {
    const page = uploadBatchNumbers(this.db, batchId, limit, offset);
    if (page === null) throw new UserError(t('host.noUploadEntry', { id: batchId }));
    const named = namedNumbers(
      this.db,
      page.numbers.map((n) => n.e164),
    );
    return {
      total: page.total,
      offset,
      numbers: page.numbers.map((n, i) => ({ ...named[i]!, change: n.change })),
    };
  }

  /** Excluded contacts, and excluded numbers by the name saved for them. */
  exclusions(): ExclusionsView {
    // Named numbers first, by name, then the others by number.
    const numbers = namedNumbers(this.db, excludedNumbers(this.db)).sort(
      (a, b) =>
        Number(a.name === null) - Number(b.name === null) ||
        (a.name ?? '').localeCompare(b.name ?? '', undefined, { sensitivity: 'base' }) ||
        a.e164.localeCompare(b.e164),
    );
    return { contacts: excludedContacts(this.db), numbers };
  }

  activity(limit: number): ActivityView[] {
    return activity(this.db, limit);
  }

  syncStatus(): SyncStatusView {
    return this.statusView(this.engine.status());
  }

  async syncNow(): Promise<SyncRunView> {
    return runView(await this.engine.sync({ force: true }));
  }

  async retryNow(): Promise<SyncRunView> {
    return runView(await this.engine.retryNow());
  }

  async resumeSync(): Promise<SyncRunView> {
    setSetting(this.db, 'sync_paused', null);
    return runView(await this.engine.sync({ force: true }));
  }

  private async importOne(path: string, region: ReturnType<typeof defaultRegion>): Promise<ImportReport> {
    const file = basename(path);
    try {
      const r = await importFile(this.db, path, {
        region,
        now: this.now(),
        onProgress: (p) => this.push({ type: 'import-progress', file, done: p.done, total: p.total }),
      });
      return { ...pick(r), file, issues: r.errors, error: null };
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      this.log(`import failed: ${err.message}`); // i18n-ignore: the technical log
      // The problem without the path: an uploaded file's path is a copy in the data folder, not where the user chose it.
      const problem = err.message.startsWith(`${err.file}: `) ? err.message.slice(err.file.length + 2) : err.message;
      return { file, added: 0, updated: 0, unchanged: 0, removed: 0, contacts: 0, issues: [], error: problem };
    }
  }

  private async ensureDemoServer(): Promise<string> {
    if (!this.demo) {
      const stored = getSetting(this.db, 'demo_server') === '1' ? getSetting(this.db, 'server_url') : null;
      const port = stored ? Number(new URL(stored).port) : 0;
      this.demo = await startDemoServer(this.options.dataDir, port);
      if (stored && stored !== this.demo.url) setSetting(this.db, 'server_url', this.demo.url);
    }
    return this.demo.url;
  }

  private async stopDemoServer(): Promise<void> {
    await this.demo?.close();
    this.demo = null;
  }

  private async withClient<T>(run: (client: ServerClient) => Promise<T>): Promise<T> {
    let client: ServerClient;
    try {
      client = signedInClient(this.db, this.tokens);
    } catch (err) {
      throw this.userError(err);
    }
    try {
      return await run(client);
    } catch (err) {
      throw this.userError(err);
    } finally {
      client.close();
    }
  }

  /** The engine's status as the UI sees it: without the event cursor, with whether the server is the demo one. */
  private statusView(s: ReturnType<SyncEngine['status']>): SyncStatusView {
    const { cursor: _cursor, pendingSignOuts: signOuts, ...shown } = s;
    return {
      ...shown,
      pendingSignOuts: signOuts.map(signOutView),
      demoServer: getSetting(this.db, 'demo_server') === '1',
      seq: ++this.statusSeq,
    };
  }

  /** A failure for the page, which words it (i18n/error-text.ts); its technical text goes to the log too. */
  private userError(err: unknown): Error {
    const error = asUserError(err);
    if (error instanceof UserError) this.log(`request failed: ${error.message}`); // i18n-ignore: the technical log
    return error;
  }

  private push(event: AppEvent): void {
    this.emit('event', event);
  }
}

function pick(r: { added: number; updated: number; unchanged: number; removed: number; contacts: number }) {
  return { added: r.added, updated: r.updated, unchanged: r.unchanged, removed: r.removed, contacts: r.contacts };
}

/** A stored theme; anything else (an older or edited store) follows the system. */
function storedTheme(value: string | null): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** A pending sign-out as the UI sees it: never its token. */
function signOutView(p: PendingSignOut): PendingSignOutView {
  return { server: p.server, since: p.since, lastError: p.lastError };
}

function runView(s: SyncSummary): SyncRunView {
  return {
    batchesSent: s.batchesSent,
    added: s.added,
    removed: s.removed,
    matches: s.matches,
    queued: s.queued,
    error: s.error,
  };
}

function normalizeServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new UserError(t('host.notAUrl', { url }));
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UserError(t('host.urlScheme'));
  return parsed.toString().replace(/\/+$/, '');
}

function safeFileName(name: string): string {
  const base = basename(name)
    .replace(/[^\w.\- ]+/g, '_')
    .slice(0, 120);
  return base && base !== '.' && base !== '..' ? base : 'contacts.vcf';
}

function asUserError(err: unknown): Error {
  if (err instanceof SyncError) return new UserError(err.message);
  if (err instanceof Error && err.name === 'NotSignedInError') return new UserError(err.message);
  return err instanceof Error ? err : new Error(String(err));
}
