import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The main window comes back where the user left it: size, position and maximized, from a small JSON file in
// userData. A display that is gone (a laptop off its dock) never leaves the window off screen.

export interface WindowState {
  /** Absent when the window should be centred by the OS. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export interface WindowSizes {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** How much of the window must lie on a display for its saved position to count as visible. */
const MIN_VISIBLE = { width: 120, height: 48 };

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The stored state, or null when the file holds anything else (hand-edited, truncated, from another version). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { x, y, width, height, maximized } = raw as Record<string, unknown>;
  if (!finite(width) || !finite(height) || width <= 0 || height <= 0) return null;
  const state = { width: Math.round(width), height: Math.round(height), maximized: maximized === true };
  return finite(x) && finite(y) ? { x: Math.round(x), y: Math.round(y), ...state } : state;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

/**
 * Where to open the window. `workAreas` are the displays' usable areas, the primary one first. A saved position
 * is kept when enough of the window shows on some display; the window is then moved and shrunk to fit that
 * display entirely. Otherwise the size is kept (within the primary display) and the OS centres the window.
 */
export function fitWindowState(
  saved: WindowState | null,
  workAreas: readonly Rectangle[],
  sizes: WindowSizes,
): WindowState {
  const primary = workAreas[0];
  const wanted = saved ?? { width: sizes.width, height: sizes.height, maximized: false };
  const fitSize = (area: Rectangle | undefined) => ({
    width: area ? clamp(wanted.width, Math.min(sizes.minWidth, area.width), area.width) : wanted.width,
    height: area ? clamp(wanted.height, Math.min(sizes.minHeight, area.height), area.height) : wanted.height,
  });
  if (wanted.x !== undefined && wanted.y !== undefined) {
    const bounds = { x: wanted.x, y: wanted.y, width: wanted.width, height: wanted.height };
    let best: { area: Rectangle; shown: number } | null = null;
    for (const area of workAreas) {
      const o = overlap(bounds, area);
      if (o.width < Math.min(MIN_VISIBLE.width, bounds.width) || o.height < Math.min(MIN_VISIBLE.height, bounds.height))
        continue;
      if (!best || o.width * o.height > best.shown) best = { area, shown: o.width * o.height };
    }
    if (best) {
      const { area } = best;
      const size = fitSize(area);
      return {
        x: clamp(wanted.x, area.x, area.x + area.width - size.width),
        y: clamp(wanted.y, area.y, area.y + area.height - size.height),
        ...size,
        maximized: wanted.maximized,
      };
    }
  }
  return { ...fitSize(primary), maximized: wanted.maximized };
}

export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Written whole to a temporary file, then renamed: a crash mid-write never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, file);
}

/** The saved state fitted to the displays attached now. Call after `ready` (the screen module needs it). */
export function restoreWindowState(file: string, sizes: WindowSizes): WindowState {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  return fitWindowState(
    readWindowState(file),
    [primary, ...others].map((display) => display.workArea),
    sizes,
  );
}

/**
 * Saves the window's normal (unmaximized) bounds and whether it is maximized when it closes, which also happens
 * on quit. Failures are reported, never thrown: losing the window position must not block closing.
 */
export function rememberWindowState(window: BrowserWindow, file: string, onError: (error: unknown) => void): void {
  window.on('close', () => {
    try {
      const bounds = window.getNormalBounds();
      writeWindowState(file, { ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      onError(error);
    }
  });
}
