import { Notification } from 'electron';
import type { Toast } from './join-notices.ts';

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
