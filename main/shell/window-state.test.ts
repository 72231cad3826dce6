import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../testing/tmp.ts';

const screen = vi.hoisted(() => ({
  displays: [] as Array<{ id: number; workArea: { x: number; y: number; width: number; height: number } }>,
  primary: 0,
  getAllDisplays: vi.fn(() => screen.displays),
  getPrimaryDisplay: vi.fn(() => screen.displays.find((display) => display.id === screen.primary)!),
}));
vi.mock('electron', () => ({ screen }));

const { fitWindowState, parseWindowState, readWindowState, rememberWindowState, restoreWindowState, writeWindowState } =
  await import('./window-state.ts');

const sizes = { width: 1100, height: 760, minWidth: 720, minHeight: 480 };
const laptop = { x: 0, y: 0, width: 1440, height: 875 };
// A second monitor to the right of the laptop, taller and offset downwards.
const monitor = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('keeps a well-formed state, rounded', () => {
    expect(parseWindowState({ x: 10.4, y: 20, width: 900.6, height: 600, maximized: true })).toEqual({
      x: 10,
      y: 20,
      width: 901,
      height: 600,
      maximized: true,
    });
  });

  it('drops a partial position but keeps the size', () => {
    expect(parseWindowState({ x: 10, width: 900, height: 600 })).toEqual({ width: 900, height: 600, maximized: false });
  });

  it.each([
    null,
    'x',
    [],
    {},
    { width: 0, height: 600 },
    { width: 900, height: -1 },
    { width: '900', height: 600 },
    { width: Infinity, height: 600 },
  ])('refuses %j', (raw) => {
    expect(parseWindowState(raw)).toBeNull();
  });
});

describe('fitWindowState', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(fitWindowState(null, [laptop], sizes)).toEqual({ width: 1100, height: 760, maximized: false });
  });

  it('keeps a saved window that is fully visible', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700, maximized: false };
    expect(fitWindowState(saved, [laptop, monitor], sizes)).toEqual(saved);
  });

  it('keeps a window on the second display', () => {
    const saved = { x: 2000, y: 0, width: 1600, height: 1000, maximized: true };
    expect(fitWindowState(saved, [laptop, monitor], sizes)).toEqual(saved);
  });

  it('centres on the primary display a window left on a display that is gone', () => {
    const saved = { x: 2000, y: 0, width: 1600, height: 1000, maximized: false };
    expect(fitWindowState(saved, [laptop], sizes)).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('pulls a window hanging off the edge back inside the display that shows most of it', () => {
    const saved = { x: 1300, y: 700, width: 1000, height: 700, maximized: false };
    // 140×175 on the laptop, 860×500 on the monitor: the monitor wins.
    expect(fitWindowState(saved, [laptop, monitor], sizes)).toEqual({
      x: 1440,
      y: 500,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('treats a sliver on screen as off screen', () => {
    const saved = { x: 1400, y: 100, width: 1000, height: 700, maximized: false };
    expect(fitWindowState(saved, [laptop], sizes)).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('shrinks a window larger than its display, never below the minimum unless the display is smaller', () => {
    expect(fitWindowState({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [laptop], sizes)).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
      maximized: false,
    });
    expect(fitWindowState({ width: 200, height: 100, maximized: false }, [laptop], sizes)).toEqual({
      width: 720,
      height: 480,
      maximized: false,
    });
    const tiny = { x: 0, y: 0, width: 640, height: 400 };
    expect(fitWindowState(null, [tiny], sizes)).toEqual({ width: 640, height: 400, maximized: false });
  });

  it('keeps the state as is when no display is known', () => {
    expect(fitWindowState({ x: 5, y: 5, width: 900, height: 600, maximized: false }, [], sizes)).toEqual({
      width: 900,
      height: 600,
      maximized: false,
    });
  });
});

describe('the state file', () => {
  beforeEach(() => {
    screen.displays = [
      { id: 1, workArea: monitor },
      { id: 2, workArea: laptop },
    ];
    screen.primary = 2;
  });

  it('round-trips and reads anything broken as no state', () => {
    const file = path.join(tempDir(), 'nested', 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { x: 1, y: 2, width: 800, height: 600, maximized: false });
    expect(readWindowState(file)).toEqual({ x: 1, y: 2, width: 800, height: 600, maximized: false });
    writeFileSync(file, '{"width": 8');
    expect(readWindowState(file)).toBeNull();
  });

  it('restores against the displays attached now, primary first', () => {
    const file = path.join(tempDir(), 'window-state.json');
    expect(restoreWindowState(file, sizes)).toEqual({ width: 1100, height: 760, maximized: false });
    writeWindowState(file, { x: 6000, y: 0, width: 900, height: 600, maximized: true });
    expect(restoreWindowState(file, sizes)).toEqual({ width: 900, height: 600, maximized: true });
    writeWindowState(file, { x: 1500, y: -100, width: 900, height: 600, maximized: false });
    expect(restoreWindowState(file, sizes)).toEqual({ x: 1500, y: -100, width: 900, height: 600, maximized: false });
  });

  it('saves the normal bounds and the maximized flag when the window closes', () => {
    const file = path.join(tempDir(), 'window-state.json');
    const window = Object.assign(new EventEmitter(), {
      getNormalBounds: () => ({ x: 10, y: 20, width: 1000, height: 700 }),
      isMaximized: () => true,
    });
    const onError = vi.fn();
    rememberWindowState(window as never, file, onError);
    window.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports a failed save instead of throwing from the close handler', () => {
    const window = Object.assign(new EventEmitter(), {
      getNormalBounds: () => ({ x: 0, y: 0, width: 800, height: 600 }),
      isMaximized: () => false,
    });
    const onError = vi.fn();
    // The folder for the file is a file itself.
    const blocker = path.join(tempDir(), 'blocker');
    writeFileSync(blocker, '');
    rememberWindowState(window as never, path.join(blocker, 'window-state.json'), onError);
    expect(() => window.emit('close')).not.toThrow();
    expect(onError).toHaveBeenCalled();
  });
});
