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
import type { Db } from '../store/open.ts';
import { getSetting } from '../store/settings.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { ClientOptions, ServerClient } from './client.ts';
import { NotSignedInError, SyncError } from './errors.ts';
import { applyEvents, eventCursor } from './joins.ts';
import {
  cutBatches,
  DEFAULT_BATCH_SIZE,
  markApplied,
  markReissue,
  markRejected,
  markRetry,
  nextAttemptAt,
  outboxCounts,
  queuedBatches,
  RATE_LIMITED,
  retryAllNow,
  type QueuedBatch,
} from './outbox.ts';
import { reconcile } from './reconcile.ts';
import { settingsTokenStore, signedInClient, type TokenStore } from './session.ts';
import { EventStream, type WebSocketFactory } from './stream.ts';

export type Connectivity = 'unknown' | 'online' | 'offline';

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
  lastError: string | null;
  progress: { done: number; total: number } | null;
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
  private lastError: string | null = null;
  /** Whether the pass now running has failed anywhere; a clean pass clears `lastError`. */
  private passFailed = false;
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
    return {
      signedIn: this.tokens.read() !== null && getSetting(this.db, 'server_url') !== null,
      server: getSetting(this.db, 'server_url'),
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
      lastError: this.lastError,
      progress: this.progress,
    };
  }

  /** Before this process has talked to the server: what the outbox says about the last attempt. */
  private lastKnownConnectivity(): Connectivity {
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

  /** Background mode: sync now and whenever needed, with the event stream open while online. */
  start(): void {
    if (this.started) return;
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
      error: null,
    };
    this.passFailed = false;
    let client: ServerClient;
    try {
      client = this.getClient();
    } catch (err) {
      if (err instanceof NotSignedInError) {
        summary.error = err.message;
        return summary;
      }
      throw err;
    }
    try {
      if (!summary.paused) await this.drain(client, options, summary);
      const reachable = this.connectivity !== 'offline';
      if (reachable && (options.pullEvents || (this.started && !this.stream))) {
        summary.events = await this.pullEvents(client);
        if (this.started) this.openStream(client);
      }
      if (reachable && !summary.paused && outboxCounts(this.db).queued === 0) {
        const due = Number(getSetting(this.db, 'next_reconcile_at') ?? 0) <= this.now();
        if (options.reconcile || due)
          summary.reconciled = (await reconcile(this.db, client, this.now(), this.random)).status;
        if (summary.reconciled === 'repaired') await this.drain(client, options, summary);
      }
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      this.failed(err);
      summary.error = err.message;
    }
    this.failedPasses = summary.error === null ? 0 : this.failedPasses + 1;
    this.progress = null;
    summary.queued = outboxCounts(this.db).queued;
    summary.connectivity = this.connectivity;
    this.logRun(summary);
    // A pass that went through clears the last failure, so the UI stops showing an error that is over.
    if (!this.passFailed && this.connectivity !== 'offline') this.lastError = null;
    if (this.started) this.scheduleNext();
    return summary;
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
      markApplied(this.db, batch, result, this.now());
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
          markRejected(this.db, batch, err.message, offending, this.now());
          this.logError(`batch ${batch.batchId} refused: ${err.message}`);
          summary.rejected++;
        }
        this.online();
        return false;
      }
      if (err.kind === 'unauthorized') throw err;
      const delay =
        err.kind === 'rate_limited'
          ? (err.retryAfterMs ?? 60_000)
          : backoffDelay(batch.attempts, this.backoff, this.random);
      const prefix = err.kind === 'rate_limited' ? RATE_LIMITED : `${err.kind}:`;
      markRetry(this.db, batch, `${prefix} ${err.message}`, this.now() + delay);
      this.failed(err);
      return true;
    }
  }

  private async pullEvents(client: ServerClient): Promise<number> {
    let applied = 0;
    for (;;) {
      const page = await client.events(eventCursor(this.db));
      applied += this.receive(page.events, page.cursor);
      if (page.cursor > 0) await client.ack(page.cursor);
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

  private failed(err: SyncError): void {
    this.lastError = err.message;
    this.passFailed = true;
    if (err.kind === 'network') this.connectivity = 'offline';
    else if (err.kind !== 'unauthorized') this.connectivity = 'online';
    this.logError(err.message);
    // An EventEmitter throws an 'error' nobody listens for: that would turn a failure the engine has handled (the
    // batch stays queued) into a rejected sync().
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  /** A pass that changed something goes into the activity feed; quiet passes do not. */
  private logRun(s: SyncSummary): void {
    if (s.batchesSent === 0 && s.reconciled !== 'repaired') return;
    const parts = [
      `sent ${s.batchesSent} batch${s.batchesSent === 1 ? '' : 'es'}: ${s.added} added, ${s.removed} removed`,
    ];
    if (s.matches > 0) parts.push(`${s.matches} on Kith`);
    if (s.reconciled === 'repaired') parts.push('repaired after comparing with the server');
    if (s.queued > 0) parts.push(`${s.queued} still queued`);
    this.db
      .prepare(`INSERT INTO activity (at, kind, message) VALUES (?, 'sync', ?)`)
      .run(this.now(), `Synced: ${parts.join('; ')}`);
  }

  private logError(message: string): void {
    this.db.prepare(`INSERT INTO activity (at, kind, message) VALUES (?, 'error', ?)`).run(this.now(), message);
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
        : Math.min(next ?? Infinity, reconcileAt || Infinity);
    if (Number.isFinite(wake)) this.schedule(Math.max(0, wake - this.now()), () => void this.sync());
  }

  private async probe(): Promise<void> {
    try {
      await this.getClient().health();
      this.online();
      await this.sync({ pullEvents: true, force: true });
    } catch (err) {
      if (err instanceof SyncError) {
        this.failed(err);
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
