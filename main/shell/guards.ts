import type { Session, WebContents } from 'electron';
import { openExternalSafely } from './external.ts';

interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/**
 * Applied to every webContents the app creates. The UI never navigates away from its own
 * origin and never opens windows; links meant for the browser go through openExternal's allowlist.
 */
export function hardenWebContents(
  contents: WebContents,
  isTrustedUrl: (url: string) => boolean,
  openExternal: (url: string) => Promise<unknown> = openExternalSafely,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url).catch((error: unknown) => console.warn('[shell] openExternal failed:', error));
    return { action: 'deny' };
  });
  const guardNavigation = (event: NavigationEvent): void => {
    if (!isTrustedUrl(event.url)) {
      event.preventDefault();
      console.warn('[shell] blocked navigation away from the app origin');
    }
  };
  contents.on('will-navigate', guardNavigation);
  // will-navigate only covers the main frame; iframes navigate through this one.
  contents.on('will-frame-navigate', guardNavigation);
  // A server redirect is a navigation too, and raises neither of the above.
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Kith needs no camera, location, notifications or devices yet: refuse everything. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
