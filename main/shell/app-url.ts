// Where the UI lives. Kept free of electron imports so tests and the harness can share it.

export const APP_SCHEME = 'kith';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True when `candidate` has the same scheme and host as `base`. `URL.origin` is "null" for
 * custom schemes, so the comparison is spelled out; credentials in the URL never match.
 */
export function isSameOrigin(candidate: string, base: string): boolean {
  let url: URL;
  let expected: URL;
  try {
    url = new URL(candidate);
    expected = new URL(base);
  } catch {
    return false;
  }
  return (
    url.protocol === expected.protocol &&
    url.host === expected.host &&
    url.host !== '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Builds the predicate used by every guard: navigation, window.open and IPC sender checks. */
export function trustedOrigin(base: string): (url: string) => boolean {
  return (url) => isSameOrigin(url, base);
}
