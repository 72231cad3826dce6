import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { call } from '../../server/testing/client.ts';
import { serverFor } from '../../server/testing/suite.ts';
import type { AppEvent } from '../ipc/contract.ts';
import { getSetting } from '../store/settings.ts';
import { openTestHost } from '../testing/app-host.ts';
import { FAST_BACKOFF } from '../testing/sync-fixture.ts';
import { freshNumber, gate } from '../testing/sync-harness.ts';

const server = serverFor('sqlite');

describe('AppHost sign-out', () => {
  it('while the server is down: signed out at once, the state says the server is still to be told, and the engine tells it', async () => {
    const relay = await gate(server().url);
    const host = await openTestHost({ engine: { backoff: FAST_BACKOFF } });
    onTestFinished(() => host.close());
    host.setOwnNumber(freshNumber(), 'GB');
    const { devCode } = await host.startVerification(relay.url);
    expect((await host.verify(devCode!)).signedIn).toBe(true);
    const token = getSetting(host.db, 'session_token')!;
    const events: AppEvent[] = [];
    host.on('event', (event) => events.push(event));

    await relay.close();
    const state = await host.logout();
    expect(state).toMatchObject({
      signedIn: false,
      pendingSignOuts: [
        { server: relay.url, since: expect.any(Number), lastError: expect.stringMatching(/ECONNREFUSED/) },
      ],
    });
    expect(host.syncStatus().pendingSignOuts).toEqual(state.pendingSignOuts);
    // The old token never leaves the main process: not in the state, the status, the events or the activity feed.
    expect(JSON.stringify([state, host.syncStatus(), events, host.activity(100)])).not.toContain(token);

    await relay.open();
    await vi.waitFor(() => expect(host.state().pendingSignOuts).toEqual([]), { timeout: 15_000 });
    expect(events).toContainEqual({ type: 'data-changed' });
    expect((await call(server().url, 'GET', '/v1/account', { token })).status).toBe(401);
  });
});
