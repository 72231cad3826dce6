import { describe, expect, it } from 'vitest';
import type { ContactPage, ContactRowView } from '../../../main/ipc/contract.ts';
import { PageCache } from './page-cache.ts';

function row(id: number, name = `Contact ${id}`): ContactRowView {
  return {
    id,
    name,
    phone: '',
    phones: 0,
    cards: 1,
    onKith: false,
    excluded: false,
    status: 'none',
    toCheck: false,
    photo: null,
  };
}

/** A fake backend of `total` rows that records every request and answers when told to. */
function backend(total: number, nameOf = (i: number) => `Contact ${i}`) {
  const calls: Array<{ offset: number; limit: number; resolve: () => void; reject: () => void }> = [];
  const fetch = (offset: number, limit: number) =>
    new Promise<ContactPage>((resolve, reject) => {
      calls.push({
        offset,
        limit,
        reject: () => reject(new Error('harness unreachable')),
        resolve: () => {
          const rows: ContactRowView[] = [];
          for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(row(i, nameOf(i)));
          resolve({ total, offset, rows });
        },
      });
    });
  return { calls, fetch };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PageCache', () => {
  it('asks only for the pages of the visible window, once each', async () => {
    const b = backend(100_000);
    const cache = new PageCache(b.fetch, 200);
    cache.ensure(0, 30);
    cache.ensure(0, 30);
    expect(b.calls.map((c) => [c.offset, c.limit])).toEqual([[0, 200]]);
    b.calls[0]!.resolve();
    await settle();
    expect(cache.total).toBe(100_000);
    expect(cache.row(5)?.id).toBe(5);
    expect(cache.row(250)).toBeUndefined();

    cache.ensure(50_190, 50_230);
    expect(b.calls.slice(1).map((c) => c.offset)).toEqual([50_000, 50_200]);
  });

  it('does not ask past the end', async () => {
    const b = backend(250);
    const cache = new PageCache(b.fetch, 200);
    cache.ensure(0, 10);
    b.calls[0]!.resolve();
    await settle();
    cache.ensure(180, 600);
    expect(b.calls.map((c) => c.offset)).toEqual([0, 200]);
  });

  it('reloads the visible pages after invalidate, keeping old rows until the new ones come', async () => {
    let suffix = '';
    const b = backend(1000, (i) => `Contact ${i}${suffix}`);
    const cache = new PageCache(b.fetch, 100);
    let notified = 0;
    cache.subscribe(() => notified++);
    cache.ensure(0, 50);
    b.calls[0]!.resolve();
    cache.ensure(450, 480);
    b.calls[1]!.resolve();
    await settle();
    expect(notified).toBe(2);

    suffix = ' (new)';
    cache.invalidate();
    expect(b.calls.slice(2).map((c) => c.offset)).toEqual([400]);
    expect(cache.row(460)?.name).toBe('Contact 460');
    expect(cache.row(10)).toBeUndefined();
    b.calls[2]!.resolve();
    await settle();
    expect(cache.row(460)?.name).toBe('Contact 460 (new)');
  });

  it('asks again when an answer was on its way during an invalidate', async () => {
    const b = backend(1000);
    const cache = new PageCache(b.fetch, 100);
    cache.ensure(0, 10);
    cache.invalidate();
    expect(b.calls).toHaveLength(1);
    b.calls[0]!.resolve();
    await settle();
    expect(cache.row(1)?.id).toBe(1);
    expect(b.calls).toHaveLength(2);
  });

  it('keeps a bounded number of pages while scrolling far', async () => {
    const b = backend(100_000);
    const cache = new PageCache(b.fetch, 100);
    for (let start = 0; start < 100_000; start += 500) {
      cache.ensure(start, start + 40);
      b.calls.at(-1)!.resolve();
      await settle();
    }
    expect(b.calls).toHaveLength(200);
    expect(cache.row(99_520)?.id).toBe(99_520);
    expect(cache.row(0)).toBeUndefined();
  });

  it('has at most two requests on their way, and skips the pages scrolled past meanwhile', async () => {
    const b = backend(100_000);
    const cache = new PageCache(b.fetch, 100);
    cache.ensure(0, 250);
    expect(b.calls.map((c) => c.offset)).toEqual([0, 100]);
    cache.ensure(5_000, 5_050);
    cache.ensure(90_000, 90_150);
    expect(b.calls).toHaveLength(2);
    b.calls[0]!.resolve();
    await settle();
    expect(b.calls.slice(2).map((c) => c.offset)).toEqual([90_000]);
    b.calls[1]!.resolve();
    await settle();
    expect(b.calls.slice(3).map((c) => c.offset)).toEqual([90_100]);
  });

  it('reports a failed page and asks for it again only after an invalidate', async () => {
    const b = backend(1000);
    const cache = new PageCache(b.fetch, 100);
    cache.ensure(0, 10);
    b.calls[0]!.reject();
    await settle();
    expect(cache.error).toBe('harness unreachable');
    cache.ensure(0, 20);
    expect(b.calls).toHaveLength(1);
    cache.invalidate();
    expect(b.calls).toHaveLength(2);
    b.calls[1]!.resolve();
    await settle();
    expect(cache.error).toBeNull();
    expect(cache.row(0)?.id).toBe(0);
  });
});
