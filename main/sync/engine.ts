/**
 * The sync loop: cut pending changes into outbox batches, drain them oldest first, apply what the server answers,
 * pull join events, and reconcile set hashes now and then. One run at a time; runs asked for meanwhile coalesce.
 *
 * `sync()` is one pass (the CLI). `start()` keeps going in the background (the app): it re-syncs when told of a
 * local change, keeps the event stream open, goes offline on network failure and probes with backoff until the
 * server answers, and `retryNow()` skips any wait.
 */
import { EventEmitter } from 'node:events';
import type { InboxEvent } from '../../protocol/api.ts';
import { storeFailure } from '../store/errors.ts';
import type { Db } from '../store/open.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { backoffDelay, DEFAULT_BACKOFF, retryDelay, type BackoffOptions } from './backoff.ts';
import type { ClientOptions, ServerClient } from './client.ts';
import { NotSignedInError, SyncError, type FailureKind } from './errors.ts';
import { logActivity } from './history.ts';
import { applyEvents, eventCursor } from './joins.ts';
import {
  cutBatches,
  DEFAULT_BATCH_SIZE,
  markApplied,
  markReissue,
  markRejected,
  markRetry,
  newSyncRun,
  nextAttemptAt,
  outboxCounts,
  queuedBatches,
  RATE_LIMITED,
  retryAllNow,
  type QueuedBatch,
  type SyncRun,
} from './outbox.ts';
import { reconcile } from './reconcile.ts';
import { settingsTokenStore, signedInClient, type TokenStore } from './session.ts';
import { nextSignOutAt, pendingSignOuts, sendSignOuts, type PendingSignOut } from './sign-outs.ts';
import { EventStream, type WebSocketFactory } from './stream.ts';
import { t, type MessageId } from '../../i18n/index.ts';

export type Connectivity = 'unknown' | 'online' | 'offline';

/**
 * The steps of a pass, in order: send sign-outs the server has not confirmed, upload queued changes, fetch join
 * events, acknowledge them, reconcile. `connect` is the background probe of an unreachable server.
 */
export type SyncStep = 'revoke' | 'upload' | 'events' | 'ack' | 'reconcile' | 'connect';

/** A step that failed in a pass: what failed, how (transient or not), and what the user reads. */
export interface StepFailure {
  step: SyncStep;
  kind: FailureKind;
  message: string;
}

export interface SyncStatus {
  signedIn: boolean;
  server: string | null;
  connectivity: Connectivity;
  paused: boolean;
  running: boolean;
  queuedBatches: number;
  queuedNumbers: number;
  rejectedNumbers: number;
  lastSyncAt: number | null;
  nextAttemptAt: number | null;
  cursor: number;
  /** What the last pass that did not finish every step said; kept in the store until a pass does. */
  lastError: string | null;
  progress: { done: number; total: number } | null;
  /** Sign-outs no server has confirmed yet (never their tokens). */
  pendingSignOuts: PendingSignOut[];
}

export interface SyncSummary {
  batchesSent: number;
  added: number;
  removed: number;
  matches: number;
  rejected: number;
  /** Batches still queued at the end (offline, server errors, rate limit). */
  queued: number;
  events: number;
  reconciled: 'skipped' | 'unchanged' | 'repaired';
  connectivity: Connectivity;
  paused: boolean;
  /** Sign-outs that servers confirmed in this pass. */
  signOuts: number;
  /** Every step that failed in this pass; empty when the pass finished every step. */
  failures: StepFailure[];
  /** The last failure's message, or why nothing could be attempted (not signed in); null for a clean pass. */
  error: string | null;
}

export interface SyncOptions {
  /** Pull inbox events over HTTP too (on start, on reconnect, and in one-shot CLI runs). */
  pullEvents?: boolean;
  /** Ignore backoff waits (not the server's Retry-After). */
  force?: boolean;
  /** Reconcile now rather than when due. */
  reconcile?: boolean;
}

export interface EngineOptions {
  db: Db;
  tokens?: TokenStore;
  now?: () => number;
  random?: () => number;
  batchSize?: number;
  backoff?: BackoffOptions;
  client?: ClientOptions;
  /** For the event stream; defaults to the `ws` package. */
  webSocket?: WebSocketFactory;
}

interface EngineEvents {
  status: [SyncStatus];
  progress: [{ done: number; total: number }];
  joined: [InboxEvent[]];
  error: [SyncError];
  /** Servers that confirmed pending sign-outs. */
  'signed-out': [string[]];
}

export class SyncEngine extends EventEmitter<EngineEvents> {
  private readonly db: Db;
  private readonly tokens: TokenStore;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly batchSize: number;
  private readonly backoff: BackoffOptions;
  private readonly clientOptions: ClientOptions;
  private readonly webSocket: WebSocketFactory | undefined;
  private connectivity: Connectivity = 'unknown';
  /** The failures of the pass now running; a pass without any clears `lastError`. */
  private failures: StepFailure[] = [];
  /** Why the last background pass could not write to the store (a full disk); kept in memory, as the store cannot. */
  private storeError: string | null = null;
  private progress: { done: number; total: number } | null = null;
  private current: Promise<SyncSummary> | null = null;
  private pending: SyncOptions | null = null;
  private started = false;
  private probeAttempt = 0;
  /** Passes in a row that failed with the server reachable (the event pull, the set check, a 401). */
  private failedPasses = 0;
  private timer: NodeJS.Timeout | null = null;
  private stream: EventStream | null = null;
  private client: ServerClient | null = null;
  /** The pass now running: the upload log groups the batches it sends under it. */
  private pass: SyncRun | null = null;

  constructor(options: EngineOptions) {
    super();
    this.db = options.db;
    this.tokens = options.tokens ?? settingsTokenStore(options.db);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.clientOptions = options.client ?? {};
    this.webSocket = options.webSocket;
  }

  status(): SyncStatus {
    const counts = outboxCounts(this.db);
    const next = nextAttemptAt(this.db);
    const lastSync = getSetting(this.db, 'last_sync_at');
    const server = getSetting(this.db, 'server_url');
    return {
      signedIn: this.tokens.read() !== null && server !== null,
      server,
      connectivity: this.connectivity === 'unknown' ? this.lastKnownConnectivity() : this.connectivity,
      paused: getSetting(this.db, 'sync_paused') === '1',
      running: this.current !== null,
      queuedBatches: counts.queued,
      queuedNumbers: counts.queuedNumbers,
      rejectedNumbers: this.db
        .prepare('SELECT count(*) FROM numbers WHERE rejected IS NOT NULL')
        .pluck()
        .get() as number,
      lastSyncAt: lastSync ? Number(lastSync) : null,
      nextAttemptAt: next && next > this.now() ? next : null,
      cursor: eventCursor(this.db),
      lastError: this.storeError ?? this.lastError,
      progress: this.progress,
      pendingSignOuts: pendingSignOuts(this.db),
    };
  }

  /** In the store, so that another process (`kith status` after `kith sync`) sees it. */
  private get lastError(): string | null {
    return getSetting(this.db, 'last_error');
  }

  private set lastError(message: string | null) {
    if (message !== this.lastError) setSetting(this.db, 'last_error', message);
  }

  /** Before this process has talked to the server: what the last pass found, else what the outbox says. */
  private lastKnownConnectivity(): Connectivity {
    const stored = getSetting(this.db, 'connectivity');
    if (stored === 'online' || stored === 'offline') return stored;
    const failing = this.db
      .prepare(`SELECT 1 FROM outbox WHERE state = 'queued' AND last_error LIKE 'network:%' LIMIT 1`)
      .get();
    if (failing) return 'offline';
    return getSetting(this.db, 'last_sync_at') ? 'online' : 'unknown';
  }

  /** One pass. Concurrent calls share the running pass, and one more pass runs after it if asked for. */
  sync(options: SyncOptions = {}): Promise<SyncSummary> {
    if (this.current) {
      this.pending = { ...this.pending, ...options };
      return this.current.then(() => this.sync(this.takePending()));
    }
    this.current = this.run(options).finally(() => {
      this.current = null;
      this.emitStatus();
    });
    this.emitStatus();
    return this.current;
  }

  /** The address book changed: sync soon (changes made in quick succession share one pass). */
  notifyChanged(): void {
    if (this.started) this.schedule(300, () => void this.sync());
  }

  /** Skip every wait: make queued batches due, give rejected numbers another chance, probe the server now. */
  retryNow(): Promise<SyncSummary> {
    retryAllNow(this.db);
    this.probeAttempt = 0;
    return this.sync({ force: true, pullEvents: this.connectivity !== 'online' });
  }

  /**
   * Background mode: sync now and whenever needed, with the event stream open while online. Signed out, it keeps
   * sending pending sign-outs; started again (after a sign-in), it runs a pass at once.
   */
  start(): void {
    this.started = true;
    void this.sync({ pullEvents: true });
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stream?.close();
    this.stream = null;
    await this.current?.catch(() => undefined);
    this.client?.close();
    this.client = null;
  }

  private takePending(): SyncOptions {
    const options = this.pending ?? {};
    this.pending = null;
    return options;
  }

  private getClient(): ServerClient {
    const token = this.tokens.read();
    if (this.client && this.client.token === token && this.client.baseUrl === getSetting(this.db, 'server_url')) {
      return this.client;
    }
    this.client?.close();
    this.client = signedInClient(this.db, this.tokens, this.clientOptions);
    return this.client;
  }

  private async run(options: SyncOptions): Promise<SyncSummary> {
    const summary: SyncSummary = {
      batchesSent: 0,
      added: 0,
      removed: 0,
      matches: 0,
      rejected: 0,
      queued: 0,
      events: 0,
      reconciled: 'skipped',
      connectivity: this.connectivity === 'unknown' ? this.lastKnownConnectivity() : this.connectivity,
      paused: getSetting(this.db, 'sync_paused') === '1',
      signOuts: 0,
      failures: [],
      error: null,
    };
    this.failures = summary.failures;
    this.pass = newSyncRun(this.now());
    // A step that threw stops the pass: the server answered but failed, or the session is gone.
    let stopped = false;
    // The server answered the event pull or the set check: with no step failed, the device is in step with it.
    let answered = false;
    try {
      await this.revoke(options, summary);
      let client: ServerClient;
      try {
        client = this.getClient();
      } catch (err) {
        if (!(err instanceof NotSignedInError)) throw err;
        summary.error = err.message;
        // Signed out, all that is left to do in the background is sending pending sign-outs.
        if (this.started) this.scheduleSignOuts();
        return summary;
      }
      if (!summary.paused) await inStep('upload', this.drain(client, options, summary));
      const reachable = this.connectivity !== 'offline';
      if (reachable && (options.pullEvents || (this.started && !this.stream))) {
        summary.events = await this.pullEvents(client);
        answered = true;
        if (this.started) this.openStream(client);
      }
      if (reachable && !summary.paused && outboxCounts(this.db).queued === 0) {
        const due = Number(getSetting(this.db, 'next_reconcile_at') ?? 0) <= this.now();
        if (options.reconcile || due) {
          summary.reconciled = (await inStep('reconcile', reconcile(this.db, client, this.now(), this.random))).status;
          answered = true;
          this.online();
        }
        if (summary.reconciled === 'repaired') await inStep('upload', this.drain(client, options, summary));
      }
    } catch (err) {
      // A store that cannot be written (a full disk, a read-only file) ends the pass. Nobody awaits a background pass,
      // so there it goes into the status instead of being thrown; a one-shot pass (the CLI) gets the error.
      const store = err instanceof StepError || !this.started ? null : storeFailure(err, this.db.name);
      if (store !== null) {
        this.storeError = summary.error = store.message;
        this.progress = null;
        // Tried again after a backoff wait, so that freeing space is enough; a store that cannot even be read
        // waits for the next change or "Retry now".
        this.failedPasses++;
        try {
          this.scheduleNext();
        } catch {
          // Reading the schedule failed too.
        }
        return summary;
      }
      if (!(err instanceof StepError)) throw err;
      this.failed(err.error, err.step);
      stopped = true;
    }
    this.storeError = null;
    this.failedPasses = stopped ? this.failedPasses + 1 : 0;
    this.progress = null;
    summary.queued = outboxCounts(this.db).queued;
    summary.connectivity = this.connectivity;
    summary.error = summary.failures.at(-1)?.message ?? null;
    this.logRun(summary);
    if (this.connectivity !== 'unknown' && getSetting(this.db, 'connectivity') !== this.connectivity)
      setSetting(this.db, 'connectivity', this.connectivity);
    // Only a pass that finished every step clears the last failure: until then the UI and `kith status` show it.
    if (summary.failures.length === 0 && this.connectivity !== 'offline') this.lastError = null;
    // The last sync is the last batch the server applied; until there is one, such a pass is the first sync (right
    // after sign-in, with nothing to send yet), rather than none at all.
    if (answered && summary.failures.length === 0 && getSetting(this.db, 'last_sync_at') === null)
      setSetting(this.db, 'last_sync_at', String(this.now()));
    if (this.started) this.scheduleNext();
    return summary;
  }

  /** Sends the sign-outs no server has confirmed yet, each to its own server; those that fail stay queued. */
  private async revoke(options: SyncOptions, summary: SyncSummary): Promise<void> {
    const round = await sendSignOuts(this.db, this.tokens, {
      now: this.now,
      force: options.force ?? false,
      backoff: this.backoff,
      random: this.random,
      client: this.clientOptions,
    });
    summary.signOuts = round.confirmed.length;
    for (const f of round.failures) this.failed(f.error, 'revoke', f.server);
    if (round.confirmed.length > 0) this.emit('signed-out', round.confirmed);
  }

  /** Cuts and sends batches until nothing is pending or a failure says to stop. */
  private async drain(client: ServerClient, options: SyncOptions, summary: SyncSummary): Promise<void> {
    for (;;) {
      cutBatches(this.db, this.now(), this.batchSize);
      const batches = queuedBatches(this.db);
      if (batches.length === 0) return;
      const total = batches.reduce((n, b) => n + b.add.length + b.remove.length, 0);
      let done = 0;
      this.setProgress(done, total);
      for (const batch of batches) {
        const waiting = batch.nextAttemptAt > this.now();
        if (waiting && (!options.force || batch.lastError?.startsWith(RATE_LIMITED))) return;
        const stop = await this.send(client, batch, summary);
        if (stop) return;
        done += batch.add.length + batch.remove.length;
        this.setProgress(done, total);
      }
    }
  }

  /** Sends one batch; true when the rest must wait. */
  private async send(client: ServerClient, batch: QueuedBatch, summary: SyncSummary): Promise<boolean> {
    try {
      const result = await client.putBatch(batch.batchId, { add: batch.add, remove: batch.remove });
      markApplied(this.db, batch, result, this.now(), this.pass);
      this.online();
      summary.batchesSent++;
      summary.added += result.added;
      summary.removed += result.removed;
      summary.matches += result.matches.length;
      return false;
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      if (err.kind === 'rejected') {
        if (err.status === 409) {
          markReissue(this.db, batch);
        } else {
          const list = err.field === 'remove' ? batch.remove : batch.add;
          const offending = err.index !== null ? (list[err.index] ?? null) : null;
          markRejected(this.db, batch, err.message, offending, this.now(), this.pass);
          this.logError(t('sync.batchRefused', { batch: batch.batchId, error: err.message }));
          summary.rejected++;
        }
        this.online();
        return false;
      }
      if (err.kind === 'unauthorized') throw err;
      const delay = retryDelay(err, batch.attempts, this.backoff, this.random);
      const prefix = err.kind === 'rate_limited' ? RATE_LIMITED : `${err.kind}:`;
      markRetry(this.db, batch, `${prefix} ${err.message}`, this.now() + delay);
      this.failed(err, 'upload');
      return true;
    }
  }

  private async pullEvents(client: ServerClient): Promise<number> {
    let applied = 0;
    for (;;) {
      const page = await inStep('events', client.events(eventCursor(this.db)));
      this.online();
      applied += this.receive(page.events, page.cursor);
      if (page.cursor > 0) await inStep('ack', client.ack(page.cursor));
      if (!page.more) return applied;
    }
  }

  /** Applies events from either channel; each is shown once however often it arrives. */
  private receive(events: InboxEvent[], cursor: number): number {
    const fresh = applyEvents(this.db, events, cursor, this.now());
    if (fresh.length > 0) this.emit('joined', fresh);
    return fresh.length;
  }

  private openStream(client: ServerClient): void {
    if (this.stream) return;
    this.stream = new EventStream({
      url: () => client.streamUrl(eventCursor(this.db)),
      token: () => client.token,
      factory: this.webSocket,
      backoff: this.backoff,
      random: this.random,
      onEvents: (events) => {
        const last = events[events.length - 1];
        if (!last) return;
        this.receive(events, last.id);
        client.ack(last.id).catch(() => undefined);
      },
      onReconnect: () => void this.sync({ pullEvents: true }),
      // A pass now meets the refused token and reports it; once signed in again, a pass opens a new stream.
      onSignedOut: () => {
        this.stream = null;
        void this.sync();
      },
    });
  }

  private online(): void {
    if (this.connectivity !== 'online') {
      this.connectivity = 'online';
      this.probeAttempt = 0;
      this.emitStatus();
    }
  }

  /** Records a failed step: the pass's failures, the last error (in the store), connectivity, the activity feed. */
  private failed(err: SyncError, step: SyncStep, server?: string): void {
    const message = describeFailure(step, err, server);
    this.failures.push({ step, kind: err.kind, message });
    this.lastError = message;
    // A sign-out goes to its own server, maybe not this one: it says nothing about reaching this one.
    if (step !== 'revoke') {
      if (err.kind === 'network') this.connectivity = 'offline';
      else if (err.kind !== 'unauthorized') this.connectivity = 'online';
    }
    this.logError(message);
    // An EventEmitter throws an 'error' nobody listens for: that would turn a failure the engine has handled (the
    // batch stays queued) into a rejected sync().
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  /** A pass that changed something goes into the activity feed; quiet passes do not. */
  private logRun(s: SyncSummary): void {
    if (s.batchesSent === 0 && s.reconciled !== 'repaired') return;
    logActivity(this.db, this.now(), 'sync', {
      id: 'activity.synced',
      values: {
        batches: s.batchesSent,
        added: s.added,
        removed: s.removed,
        matches: s.matches,
        repaired: s.reconciled === 'repaired' ? 'yes' : 'no',
        queued: s.queued,
      },
    });
  }

  private logError(message: string): void {
    logActivity(this.db, this.now(), 'error', message);
  }

  /** After a pass in background mode: probe when offline, else wake for the next due batch or reconciliation. */
  private scheduleNext(): void {
    if (this.connectivity === 'offline') {
      this.stream?.close();
      this.stream = null;
      const delay = backoffDelay(this.probeAttempt++, this.backoff, this.random);
      this.schedule(delay, () => void this.probe());
      return;
    }
    const next = nextAttemptAt(this.db);
    const reconcileAt = Number(getSetting(this.db, 'next_reconcile_at') ?? 0);
    // After a failed pass, what failed (a due reconciliation, the first event pull, a 401) is tried again after a
    // backoff wait: not at once, which would hammer the server, and not never, which would leave the stream closed.
    const wake =
      this.failedPasses > 0
        ? this.now() + backoffDelay(this.failedPasses - 1, this.backoff, this.random)
        : Math.min(next ?? Infinity, reconcileAt || Infinity, nextSignOutAt(this.db) ?? Infinity);
    if (Number.isFinite(wake)) this.schedule(Math.max(0, wake - this.now()), () => void this.sync());
  }

  /** Signed out: wake when the next pending sign-out is due. */
  private scheduleSignOuts(): void {
    const next = nextSignOutAt(this.db);
    if (next !== null) this.schedule(Math.max(0, next - this.now()), () => void this.sync());
  }

  private async probe(): Promise<void> {
    try {
      await this.getClient().health();
      this.online();
      await this.sync({ pullEvents: true, force: true });
    } catch (err) {
      if (err instanceof SyncError) {
        // Outside a pass: its failure is not one of a pass's, only the last error and the connectivity.
        this.failures = [];
        this.failed(err, 'connect');
        if (this.started) this.scheduleNext();
      }
    }
  }

  private schedule(ms: number, run: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    // Long waits are re-checked at least hourly, so a clock change cannot strand the engine.
    this.timer = setTimeout(run, Math.min(ms, 3_600_000));
    this.timer.unref?.();
  }

  private setProgress(done: number, total: number): void {
    this.progress = { done, total };
    this.emit('progress', this.progress);
  }

  private emitStatus(): void {
    this.emit('status', this.status());
  }
}

/** A step's failure, tagged with the step, so the pass can say which one failed. */
class StepError extends Error {
  readonly step: SyncStep;
  readonly error: SyncError;
  constructor(step: SyncStep, error: SyncError) {
    super(error.message, { cause: error });
    this.step = step;
    this.error = error;
  }
}

/** Waits for a step's request; a SyncError it fails with is tagged with the step. */
async function inStep<T>(step: SyncStep, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw err instanceof SyncError ? new StepError(step, err) : err;
  }
}

const STEPS: Record<SyncStep, MessageId> = {
  revoke: 'sync.failed.revoke',
  upload: 'sync.failed.upload',
  events: 'sync.failed.events',
  ack: 'sync.failed.ack',
  reconcile: 'sync.failed.reconcile',
  connect: 'sync.failed.connect',
};

/** What the user reads: the step, the error, and what happens next (`kith sync: fetching join events failed: …`). */
export function describeFailure(step: SyncStep, err: SyncError, server?: string): string {
  // A sign-out is sent with the token it ends, so signing in again does nothing for it.
  const signIn = err.kind === 'unauthorized' && step !== 'revoke' ? 'yes' : 'no';
  return t(STEPS[step], { error: err.message, server: server || 'none', signIn });
}
