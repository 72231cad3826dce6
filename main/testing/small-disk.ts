/**
 * Real disk trouble for store tests: a small tmpfs that can be filled up, and a read-only view of a folder (a
 * read-only bind mount). Both need to mount, which takes root (CI runs as root); elsewhere the suites that use them
 * skip and say why, unless KITH_REQUIRE_MOUNT=1 makes that a failure.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

let checked: string | null | undefined;

/** Null when this process can mount a tmpfs; otherwise why not (printed once). */
export function mountUnavailable(): string | null {
  if (checked !== undefined) return checked;
  const dir = mkdtempSync(join(tmpdir(), 'kith-mount-check-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    checked = null;
  } catch (err) {
    const why = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    checked = `cannot mount a tmpfs here (mounting needs root): ${why}`;
    if (process.env.KITH_REQUIRE_MOUNT === '1') throw new Error(`KITH_REQUIRE_MOUNT=1 but ${checked}`, { cause: err });
    console.warn(`skipping the full-disk and read-only store tests: ${checked}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return checked;
}

export interface SmallDisk {
  /** The mounted folder. */
  dir: string;
  /** Takes all the free space but `leaveBytes` (rounded to pages) with a file of zeros. */
  fill(leaveBytes?: number): void;
  /** Gives the space taken by `fill` back. */
  free(): void;
  freeBytes(): number;
}

/** A tmpfs of `bytes` mounted on a fresh folder, unmounted after the test. */
export function smallDisk(bytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'kith-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  onTestFinished(() => unmount(dir));
  const filler = join(dir, 'filler');
  const freeBytes = (): number => {
    const fs = statfsSync(dir);
    return fs.bavail * fs.bsize;
  };
  return {
    dir,
    freeBytes,
    fill(leaveBytes = 0) {
      const fd = openSync(filler, 'a');
      const page = Buffer.alloc(4096);
      try {
        while (freeBytes() > leaveBytes) writeSync(fd, page);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      unlinkSync(filler);
    },
  };
}

/** `dir` seen through a read-only bind mount: the same files, and every write refused with EROFS. */
export function readOnlyView(dir: string): string {
  const view = mkdtempSync(join(tmpdir(), 'kith-ro-'));
  execFileSync('mount', ['--bind', dir, view], { stdio: 'pipe' });
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', view], { stdio: 'pipe' });
  } catch (err) {
    unmount(view);
    throw err;
  }
  onTestFinished(() => unmount(view));
  return view;
}

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    // Something still has a file open there (a child that has not exited yet): detach it now, freed when closed.
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
  rmSync(dir, { recursive: true, force: true });
}
