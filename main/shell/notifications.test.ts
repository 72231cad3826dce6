import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxEvent } from '../../protocol/api.ts';
import { tempDir } from '../testing/tmp.ts';

const electron = vi.hoisted(() => {
  class Notification {
    static supported = true;
    static shown: Notification[] = [];
    static isSupported = () => Notification.supported;
    readonly options: { title: string; body: string };
    readonly listeners = new Map<string, () => void>();
    constructor(options: { title: string; body: string }) {
      this.options = options;
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
    show() {
      Notification.shown.push(this);
    }
  }
  return { Notification };
});
vi.mock('electron', () => ({ Notification: electron.Notification }));

const { showOsNotification } = await import('./notifications.ts');
const { joinToasts, MAX_SINGLE_JOIN_NOTIFICATIONS, notifyJoined, watchJoins } = await import('./join-notices.ts');
const { AppHost } = await import('../app/host.ts');

const joined = (...names: string[]) => ({
  type: 'joined' as const,
  contacts: names.map((name, i) => ({ name, e164: `+4479460000${String(i).padStart(2, '0')}` })),
});

describe('joinToasts', () => {
  it('names each contact by the name the user saved', () => {
    expect(joinToasts(joined('Anita Sharma'))).toEqual([{ title: 'Kith', body: 'Anita Sharma joined Kith' }]);
    expect(joinToasts(joined('Anita Sharma', 'Bo')).map((t) => t.body)).toEqual([
      'Anita Sharma joined Kith',
      'Bo joined Kith',
    ]);
  });

  it('falls back to the number for a blank name', () => {
    expect(joinToasts(joined('  '))[0]?.body).toBe('+447946000000 joined Kith');
  });

  it('sums up a large batch in one notification', () => {
    const names = Array.from({ length: MAX_SINGLE_JOIN_NOTIFICATIONS + 2 }, (_, i) => `Person ${i}`);
    expect(joinToasts(joined(...names))).toEqual([
      { title: 'Kith', body: `Person 0 and ${names.length - 1} other contacts joined Kith` },
    ]);
  });
});

describe('notifyJoined', () => {
  it('shows the joins when notifications are on', () => {
    const show = vi.fn();
    expect(notifyJoined(joined('Anita Sharma'), { enabled: () => true, show })).toBe(1);
    expect(show).toHaveBeenCalledWith({ title: 'Kith', body: 'Anita Sharma joined Kith' });
  });

  it('honours the setting at the time of the join', () => {
    const show = vi.fn();
    let enabled = false;
    notifyJoined(joined('Anita Sharma'), { enabled: () => enabled, show });
    expect(show).not.toHaveBeenCalled();
    enabled = true;
    notifyJoined(joined('Anita Sharma'), { enabled: () => enabled, show });
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('ignores every other event and an empty join', () => {
    const show = vi.fn();
    const enabled = vi.fn(() => true);
    notifyJoined({ type: 'data-changed' }, { enabled, show });
    notifyJoined({ type: 'navigate', screen: 'privacy' }, { enabled, show });
    notifyJoined(joined(), { enabled, show });
    expect(show).not.toHaveBeenCalled();
    expect(enabled).not.toHaveBeenCalled();
  });
});

describe('showOsNotification', () => {
  beforeEach(() => {
    electron.Notification.shown.length = 0;
    electron.Notification.supported = true;
  });

  it('shows a native notification whose click brings the app forward', () => {
    const onClick = vi.fn();
    showOsNotification({ title: 'Kith', body: 'Anita Sharma joined Kith' }, onClick);
    const [notification] = electron.Notification.shown;
    expect(notification?.options).toEqual({ title: 'Kith', body: 'Anita Sharma joined Kith' });
    notification?.listeners.get('click')?.();
    expect(onClick).toHaveBeenCalled();
  });

  it('does nothing where the OS has no notifications', () => {
    electron.Notification.supported = false;
    showOsNotification({ title: 'Kith', body: 'x' }, vi.fn());
    expect(electron.Notification.shown).toHaveLength(0);
  });
});

describe('watchJoins, as the shell wires it to a real host', () => {
  beforeEach(() => {
    electron.Notification.shown.length = 0;
    electron.Notification.supported = true;
  });

  const joinFrom = (e164: string): InboxEvent[] => [{ id: 1, type: 'contact_joined', userId: 1, e164, createdAt: 1 }];

  it('shows no OS notification once the user turned notifications off, and shows them again when on', async () => {
    const host = await AppHost.open({ dataDir: tempDir(), appInfo: { name: 'Kith', version: '0', platform: 'test' } });
    try {
      const stop = watchJoins(host, (toast) => showOsNotification(toast, vi.fn()));
      expect(host.state().notifications).toBe(true);
      host.setNotifications(false);
      host.engine.emit('joined', joinFrom('+447946000001'));
      expect(electron.Notification.shown).toHaveLength(0);

      host.setNotifications(true);
      host.engine.emit('joined', joinFrom('+447946000002'));
      expect(electron.Notification.shown.map((n) => n.options.body)).toEqual(['+447946000002 joined Kith']);

      stop();
      host.engine.emit('joined', joinFrom('+447946000003'));
      expect(electron.Notification.shown).toHaveLength(1);
    } finally {
      await host.close();
    }
  });

  it('keeps the choice in the store, so notifications stay off after a restart', async () => {
    const dataDir = tempDir();
    const appInfo = { name: 'Kith', version: '0', platform: 'test' };
    const first = await AppHost.open({ dataDir, appInfo });
    first.setNotifications(false);
    await first.close();
    const host = await AppHost.open({ dataDir, appInfo });
    try {
      watchJoins(host, (toast) => showOsNotification(toast, vi.fn()));
      expect(host.state().notifications).toBe(false);
      host.engine.emit('joined', joinFrom('+447946000001'));
      expect(electron.Notification.shown).toHaveLength(0);
    } finally {
      await host.close();
    }
  });
});
