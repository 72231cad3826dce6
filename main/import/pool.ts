import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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
    if (this.workers.length === 0) this.start();
    const worker = this.workers[this.turn++ % this.workers.length]!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { task, resolve, reject });
      worker.ref();
      worker.postMessage({ id, task });
    });
  }

  private start(): void {
    for (let i = 0; i < this.size; i++) {
      // A small young generation: each thread's nursery otherwise grows to tens of megabytes, and with two threads
      // beside the writer that is what pushed a 100,000-card import near its memory budget. Measured: 20 MB less
      // peak RSS, the same CPU.
      const worker = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      worker.unref();
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
 * Threads to use: KITH_IMPORT_WORKERS, else one per core (up to four). The main thread's SQLite writes and the
 * workers' parsing overlap; on two cores, two workers still finished a 100,000-card import faster than one.
 */
function poolSize(): number {
  const raw = process.env.KITH_IMPORT_WORKERS;
  const fromEnv = raw === undefined || raw === '' ? NaN : Number(raw);
  if (Number.isInteger(fromEnv) && fromEnv >= 0) return fromEnv;
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Process one batch, in a worker when the pool has threads, otherwise inline. */
export function processInPool(task: RecordTask): Promise<RecordResult[]> {
  const size = poolSize();
  if (size === 0) return Promise.resolve(processRecords(task));
  pool ??= new RecordPool(size);
  return pool.run(task);
}
