import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../ipc/contract.ts';
import { SyncError } from '../sync/errors.ts';
import { tempDir } from '../testing/tmp.ts';
import { AppHost } from './host.ts';

function openHost(): Promise<AppHost> {
  return AppHost.open({ dataDir: tempDir(), appInfo: { name: 'Kith', version: '0.0.0', platform: 'test' } });
}

describe('AppHost', () => {
  it('survives a failed sync run and tells the UI to refresh', async () => {
    const host = await openHost();
    try {
      const events: AppEvent[] = [];
      host.on('event', (event) => events.push(event));
      // Without a listener, EventEmitter throws 'error' events: an offline sync would end the process.
      expect(() => host.engine.emit('error', new SyncError('network', 'server unreachable'))).not.toThrow();
      expect(events).toContainEqual({ type: 'data-changed' });
    } finally {
      await host.close();
    }
  });

  it('numbers every status view, so that a reply computed before a pushed one loses to it', async () => {
    const host = await openHost();
    try {
      const pushed: number[] = [];
      host.on('event', (event) => {
        if (event.type === 'sync-status') pushed.push(event.status.seq);
      });
      const reply = host.syncStatus();
      host.engine.emit('status', host.engine.status());
      host.engine.emit('progress', { done: 1, total: 2 });
      const after = host.syncStatus();
      expect(pushed).toHaveLength(2);
      expect([reply.seq, ...pushed, after.seq]).toEqual([reply.seq, reply.seq + 1, reply.seq + 2, reply.seq + 3]);
    } finally {
      await host.close();
    }
  });
});
