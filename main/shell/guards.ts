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

/** What Chromium asks for before each `navigator.clipboard.writeText`: the Copy buttons of the import report. */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/**
 * Kith needs no camera, location, notifications or devices: refuse everything but writing to the clipboard, and that
 * only for the app's own pages. Reading the clipboard stays refused.
 */
export function limitPermissions(session: Session, isTrustedUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === CLIPBOARD_WRITE && isTrustedUrl(details.requestingUrl)),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => permission === CLIPBOARD_WRITE && isTrustedUrl(requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
