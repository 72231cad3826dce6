import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TaskRunner } from './in-order.ts';
import { processRecords, type RecordResult, type RecordTask } from './records.ts';

type Pending = { task: RecordTask; resolve: (r: RecordResult[]) => void; reject: (e: Error) => void };

let workerUrl: URL = new URL('./worker.ts', import.meta.url);

/** Where the worker entry lives; a bundled build (the desktop app) points this at its own output. */
export function setImportWorkerUrl(url: URL): void {
  workerUrl = url;
}

/**
 * A few long-lived worker threads that parse and normalize record batches while the main thread writes to SQLite.
 * Idle workers are unref'd, so they never keep a process alive; if threads cannot start, work runs inline.
 */
class RecordPool {
  private workers: Worker[] = [];
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private turn = 0;
  private broken = false;
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  run(task: RecordTask): Promise<RecordResult[]> {
    if (this.broken) return Promise.resolve(processRecords(task));
    this.start();
    const worker = this.workers[this.turn++ % this.workers.length]!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { task, resolve, reject });
      worker.ref();
      worker.postMessage({ id, task });
    });
  }

  /** Starts the threads, if they are not running yet. */
  start(): void {
    if (this.broken || this.workers.length > 0) return;
    for (let i = 0; i < this.size; i++) {
      // A small young generation: each thread's nursery otherwise grows to tens of megabytes, and with two threads
      // beside the writer that is what pushed a 100,000-card import near its memory budget. Measured: 20 MB less
      // peak RSS, the same CPU.
      const worker = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      worker.unref();
      // A thread still loading its modules keeps the process alive even unref'd; once online, unref holds. Without
      // this, an import that started its threads early but found nothing to parse never exited.
      worker.once('online', () => {
        if (this.pending.size === 0) worker.unref();
      });
      worker.on('message', (msg: { id: number; results?: RecordResult[]; error?: string }) => {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (this.pending.size === 0) for (const w of this.workers) w.unref();
        if (!p) return;
        if (msg.results) p.resolve(msg.results);
        else p.reject(new Error(msg.error ?? 'import worker failed'));
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (this.pending.size > 0) this.fail(new Error(`import worker exited with code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  /** A thread that cannot start or dies takes no work with it: what it held is redone inline. */
  private fail(_err: Error): void {
    this.broken = true;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const w of this.workers) void w.terminate();
    this.workers = [];
    for (const p of pending) {
      try {
        p.resolve(processRecords(p.task));
      } catch (err) {
        p.reject(err as Error);
      }
    }
  }
}

let pool: RecordPool | undefined;

/**
 * Threads to use: KITH_IMPORT_WORKERS, else one per core but one (up to four): the importing thread parses too
 * while it is not writing (see in-order.ts), so it counts as the last core's worker.
 */
function poolSize(): number {
  const raw = process.env.KITH_IMPORT_WORKERS;
  const fromEnv = raw === undefined || raw === '' ? NaN : Number(raw);
  if (Number.isInteger(fromEnv) && fromEnv >= 0) return fromEnv;
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * The worker threads as a task runner, or null when they are turned off (KITH_IMPORT_WORKERS=0). The threads start
 * now: a thread takes about 0.1 s to load its modules, which an import can spend splitting its file.
 */
export function recordRunner(): TaskRunner<RecordTask, RecordResult[]> | null {
  const size = poolSize();
  if (size === 0) return null;
  const p = (pool ??= new RecordPool(size));
  p.start();
  return { threads: size, run: (task) => p.run(task) };
}
