import type { Theme } from '../../main/ipc/contract.ts';

/** A copy of the choice in the page's own storage, so the first frame already has the right colours. */
const CACHE_KEY = 'kith.theme';

/**
 * Sets the colours on the page: `data-theme` on the root element picks light or dark; without it the stylesheet
 * follows `prefers-color-scheme`.
 */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme;
  try {
    if (theme === 'system') localStorage.removeItem(CACHE_KEY);
    else localStorage.setItem(CACHE_KEY, theme);
  } catch {
    // Storage can be refused (a locked-down profile): the store's copy still applies once the app has loaded.
  }
}

/** The last choice this page saw, applied before the app has asked for the stored one. */
export function applyCachedTheme(): void {
  let cached: string | null;
  try {
    cached = localStorage.getItem(CACHE_KEY);
  } catch {
    return;
  }
  if (cached === 'light' || cached === 'dark') document.documentElement.dataset['theme'] = cached;
}
