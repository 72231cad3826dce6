// Which join notifications to raise, and whether to raise any. Plain Node: the Electron shell shows them as OS
// notifications, the browser harness records them.
import { t } from '../../i18n/index.ts';
import type { AppEvent } from '../ipc/contract.ts';

type JoinedEvent = Extract<AppEvent, { type: 'joined' }>;

/** Beyond this many joins at once (the first sync of a large address book), one summary instead of a flood. */
export const MAX_SINGLE_JOIN_NOTIFICATIONS = 3;

export interface Toast {
  readonly title: string;
  readonly body: string;
}

/** The notifications for one `joined` event: "Anita Sharma joined Kith", by the name the user saved. */
export function joinToasts(event: JoinedEvent): Toast[] {
  const title = t('settings.joinNotice.title');
  const names = event.contacts.map((contact) => contact.name.trim() || contact.e164);
  if (names.length <= MAX_SINGLE_JOIN_NOTIFICATIONS) {
    return names.map((name) => ({ title, body: t('settings.joinNotice.one', { name }) }));
  }
  return [{ title, body: t('settings.joinNotice.many', { name: names[0], others: names.length - 1 }) }];
}

export interface JoinNotifierDeps {
  /** The user's setting, read at the moment of the join so a change applies at once. */
  readonly enabled: () => boolean;
  readonly show: (toast: Toast) => void;
}

/** Raises the notifications for a `joined` event, unless the user turned them off; returns how many. */
export function notifyJoined(event: AppEvent, deps: JoinNotifierDeps): number {
  if (event.type !== 'joined' || event.contacts.length === 0 || !deps.enabled()) return 0;
  const toasts = joinToasts(event);
  for (const toast of toasts) deps.show(toast);
  return toasts.length;
}

/** What `watchJoins` needs of the app host. */
export interface JoinSource {
  on(name: 'event', listener: (event: AppEvent) => void): unknown;
  off(name: 'event', listener: (event: AppEvent) => void): unknown;
  notificationsEnabled(): boolean;
}

/** Shows every join the host reports while the user's setting is on; returns the unsubscribe function. */
export function watchJoins(host: JoinSource, show: (toast: Toast) => void): () => void {
  const listener = (event: AppEvent) => void notifyJoined(event, { enabled: () => host.notificationsEnabled(), show });
  host.on('event', listener);
  return () => void host.off('event', listener);
}
