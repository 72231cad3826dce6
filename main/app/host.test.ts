import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../ipc/contract.ts';
import { SyncError } from '../sync/errors.ts';
import { tempDir } from '../testing/tmp.ts';
import { AppHost } from './host.ts';

describe('AppHost', () => {
  it('survives a failed sync run and tells the UI to refresh', async () => {
    const host = await AppHost.open({
      dataDir: tempDir(),
      appInfo: { name: 'Kith', version: '0.0.0', platform: 'test' },
    });
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
});
