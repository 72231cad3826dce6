import type { ContactPage, ContactRowView } from '../../../main/ipc/contract.ts';

export type FetchPage = (offset: number, limit: number) => Promise<ContactPage>;

/** Pages kept around the visible window; far ones are dropped so 100,000 contacts never sit in memory. */
const MAX_PAGES = 40;
/** Requests on their way at once. */
const MAX_INFLIGHT = 2;

/**
 * Rows of one contact query, fetched a page at a time as the list scrolls. One cache per query (search and
 * filter): a new query gets a new cache, so answers for an old one can never land in the list shown.
 */
export class PageCache {
  readonly pageSize: number;
  total: number | null = null;
  error: string | null = null;
  private readonly fetchPage: FetchPage;
  private readonly pages = new Map<number, ContactRowView[]>();
  private readonly inflight = new Set<number>();
  private readonly stale = new Set<number>();
  /** Pages whose request failed: not asked for again until the next invalidate. */
  private readonly failed = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private range: [number, number] = [0, 0];
  /** Bumped on every change, for useSyncExternalStore. */
  version = 0;

  constructor(fetchPage: FetchPage, pageSize = 200) {
    this.fetchPage = fetchPage;
    this.pageSize = pageSize;
  }

  row(index: number): ContactRowView | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Makes sure the pages holding rows `start`..`end` are loaded, or on their way. */
  ensure(start: number, end: number): void {
    this.range = [Math.max(0, start), Math.max(start, end)];
    this.pump();
  }

  /** The data changed underneath: reload what is on screen, forget the rest. Rows stay visible until replaced. */
  invalidate(): void {
    this.generation++;
    this.failed.clear();
    const first = Math.floor(this.range[0] / this.pageSize);
    const last = Math.floor(this.range[1] / this.pageSize);
    for (const page of [...this.pages.keys()]) {
      if (page < first || page > last) this.pages.delete(page);
      else this.stale.add(page);
    }
    this.pump();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks for the missing pages of the current window, a few at a time. While the list scrolls fast, the pages it
   * flew past are never asked for: each answer makes room for what is on screen by then.
   */
  private pump(): void {
    const first = Math.floor(this.range[0] / this.pageSize);
    const last = Math.floor(this.range[1] / this.pageSize);
    for (let page = first; page <= last && this.inflight.size < MAX_INFLIGHT; page++) {
      if (this.total !== null && page * this.pageSize >= this.total && page > 0) break;
      if ((this.pages.has(page) && !this.stale.has(page)) || this.inflight.has(page)) continue;
      if (this.failed.has(page)) continue;
      this.load(page);
    }
  }

  private load(page: number): void {
    const generation = this.generation;
    this.inflight.add(page);
    this.fetchPage(page * this.pageSize, this.pageSize).then(
      (result) => {
        this.inflight.delete(page);
        this.failed.delete(page);
        this.pages.set(page, result.rows);
        this.evict();
        this.total = result.total;
        this.error = null;
        if (generation === this.generation) this.stale.delete(page);
        else this.stale.add(page);
        this.notify();
        // Next: whatever is on screen now (an answer from before an invalidate is asked for again).
        this.pump();
      },
      (error: unknown) => {
        this.inflight.delete(page);
        this.failed.add(page);
        this.error = error instanceof Error ? error.message : String(error);
        this.notify();
        this.pump();
      },
    );
  }

  private evict(): void {
    if (this.pages.size <= MAX_PAGES) return;
    const first = Math.floor(this.range[0] / this.pageSize);
    const last = Math.floor(this.range[1] / this.pageSize);
    const distance = (page: number) => (page < first ? first - page : page > last ? page - last : 0);
    const byDistance = [...this.pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const page of byDistance.slice(0, this.pages.size - MAX_PAGES)) {
      this.pages.delete(page);
      this.stale.delete(page);
    }
  }

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
