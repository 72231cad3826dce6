/**
 * The open contact as a history entry of its own, so that Back (the browser's, Alt+Left, a mouse's back button)
 * closes the detail as it would leave a page. Opening a contact pushes one entry; opening another while one is open
 * replaces it, so one Back always returns to the list. The URL never changes.
 */

/** The part of `window.history` used here. */
export interface HistoryLike {
  readonly state: unknown;
  pushState(data: unknown, unused: string): void;
  replaceState(data: unknown, unused: string): void;
  back(): void;
}

const KEY = 'kithContact';

function entry(state: unknown): Record<string, unknown> {
  return typeof state === 'object' && state !== null ? { ...(state as Record<string, unknown>) } : {};
}

/** The contact the current history entry has open, if any. */
export function openIn(state: unknown): number | null {
  const id = entry(state)[KEY];
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
}

/** Opens `id` on top of the list's entry, or in place of the contact open now. */
export function openContact(history: HistoryLike, id: number): void {
  const next = { ...entry(history.state), [KEY]: id };
  if (openIn(history.state) === null) history.pushState(next, '');
  else history.replaceState(next, '');
}

/**
 * Goes back to the list's entry. True when that happens through history (the caller then hears `popstate`); false
 * when the entry is not one this screen pushed, and the caller closes the detail itself.
 */
export function closeContact(history: HistoryLike): boolean {
  if (openIn(history.state) === null) return false;
  history.back();
  return true;
}

/** An entry left open by an earlier visit to the screen, or a reload, names no contact any more. */
export function forgetContact(history: HistoryLike): void {
  if (openIn(history.state) === null) return;
  const rest = entry(history.state);
  delete rest[KEY];
  history.replaceState(rest, '');
}
