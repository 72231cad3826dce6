import { Notification } from 'electron';
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
  const names = event.contacts.map((contact) => contact.name.trim() || contact.e164);
  if (names.length <= MAX_SINGLE_JOIN_NOTIFICATIONS) {
    return names.map((name) => ({ title: 'Kith', body: `${name} joined Kith` }));
  }
  const others = names.length - 1;
  return [{ title: 'Kith', body: `${names[0]} and ${others} other contacts joined Kith` }];
}

export interface JoinNotifierDeps {
  /** The user's setting, read at the moment of the join so a change applies at once. */
  readonly enabled: () => boolean;
  readonly show: (toast: Toast) => void;
}

export function notifyJoined(event: AppEvent, deps: JoinNotifierDeps): number {
  if (event.type !== 'joined' || event.contacts.length === 0 || !deps.enabled()) return 0;
  const toasts = joinToasts(event);
  for (const toast of toasts) deps.show(toast);
  return toasts.length;
}

// Held until dismissed: a notification that is garbage-collected no longer reports its click.
const showing = new Set<Notification>();

/** An OS notification; a click brings the app's window forward. Silently nothing where the OS has none. */
export function showOsNotification(toast: Toast, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: toast.title, body: toast.body });
  showing.add(notification);
  notification.on('click', () => {
    showing.delete(notification);
    onClick();
  });
  notification.on('close', () => showing.delete(notification));
  notification.show();
}
