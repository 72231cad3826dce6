import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../main/ipc/contract.ts';
import type * as PhotoCache from './photo-cache.ts';

/** A fake app: photos by contact id, and the pushed events the cache listens to. */
const app = vi.hoisted(() => ({
  photos: new Map<number, string>(),
  fetches: 0,
  listeners: new Set<(event: AppEvent) => void>(),
}));

vi.mock('../api.ts', () => ({
  api: {
    contactPhoto: (id: number) => {
      app.fetches++;
      return Promise.resolve(app.photos.get(id) ?? null);
    },
  },
  onAppEvent: (listener: (event: AppEvent) => void) => {
    app.listeners.add(listener);
    return () => app.listeners.delete(listener);
  },
}));

const push = (event: AppEvent) => {
  for (const l of app.listeners) l(event);
};

describe('photo cache', () => {
  let cache: typeof PhotoCache;

  beforeEach(async () => {
    app.photos.clear();
    app.fetches = 0;
    app.listeners.clear();
    vi.resetModules();
    cache = await import('./photo-cache.ts');
  });

  it('fetches a photo once, and again after the data changed with no avatar on screen', async () => {
    app.photos.set(7, 'data:old');
    expect(await cache.loadPhoto(7)).toBe('data:old');
    expect(await cache.loadPhoto(7)).toBe('data:old');
    expect(app.fetches).toBe(1);
    // Contact 7 removed and its id taken by a new contact, while no avatar listened.
    app.photos.set(7, 'data:new');
    push({ type: 'data-changed' });
    expect(await cache.loadPhoto(7)).toBe('data:new');
  });

  it('keeps listening after the last avatar went, and tells avatars on screen', async () => {
    const onScreen = vi.fn();
    const unsubscribe = cache.subscribePhotos(onScreen);
    app.photos.set(3, 'data:old');
    await cache.loadPhoto(3);
    push({ type: 'data-changed' });
    expect(onScreen).toHaveBeenCalledTimes(1);
    expect(cache.photoGeneration()).toBe(1);
    unsubscribe();
    await cache.loadPhoto(3);
    app.photos.set(3, 'data:new');
    push({ type: 'data-changed' });
    expect(onScreen).toHaveBeenCalledTimes(1);
    expect(await cache.loadPhoto(3)).toBe('data:new');
    // One subscription for the whole app, however many avatars came and went.
    cache.subscribePhotos(() => {})();
    expect(app.listeners.size).toBe(1);
  });
});
