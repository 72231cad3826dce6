import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Address books handed to the app by the OS: "Open with Kith", a double-click on a .vcf, a file dropped on the
// dock icon, or a second `kith file.vcf` while the app runs. No electron import, so all of it is unit-tested.

export const IMPORTABLE_EXTENSIONS: readonly string[] = ['.vcf', '.vcard', '.csv'];

/** One OS request never imports more files than the page may upload in one call. */
export const MAX_OPENED_FILES = 20;

export function isImportablePath(file: string): boolean {
  return IMPORTABLE_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * The address books named on a command line: the first instance's `process.argv`, or the argv a second instance
 * forwards. Switches (Chromium adds its own) and everything without an importable extension are skipped, so the
 * executable and the app path never count. `file://` URLs (Linux desktop entries pass `%U`) become paths, and
 * relative paths resolve against the directory the command ran in.
 */
export function importablePathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    let file = arg;
    if (/^file:/i.test(arg)) {
      try {
        file = fileURLToPath(arg);
      } catch {
        continue;
      }
    } else if (/^[a-z][a-z\d+.-]+:\/\//i.test(arg)) {
      // Any other URL (https:, kith:, …) is not a file on this machine.
      continue;
    }
    if (!isImportablePath(file)) continue;
    const absolute = path.resolve(cwd, file);
    if (!found.includes(absolute)) found.push(absolute);
  }
  return found.slice(0, MAX_OPENED_FILES);
}

export function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export type ImportPaths = (paths: string[]) => Promise<unknown>;

/**
 * Holds what the OS asks to open until the engine is ready (macOS sends `open-file` before `ready` when the app
 * is launched by a double-click), then passes each request on in order. Missing files are dropped quietly.
 */
export class OpenedFiles {
  private queue: string[] = [];
  private target: ImportPaths | null = null;
  private readonly exists: (file: string) => boolean;
  private readonly onError: (error: unknown) => void;

  constructor(options: { exists?: (file: string) => boolean; onError: (error: unknown) => void }) {
    this.exists = options.exists ?? isRegularFile;
    this.onError = options.onError;
  }

  /** Returns true when at least one of the paths will be imported. */
  open(paths: readonly string[]): boolean {
    const files = paths.filter((file) => isImportablePath(file) && this.exists(file)).slice(0, MAX_OPENED_FILES);
    if (files.length === 0) return false;
    if (this.target) this.run(this.target, files);
    else this.queue.push(...files.filter((file) => !this.queue.includes(file)));
    return true;
  }

  /** From now on requests go to `target`; whatever arrived before goes first. */
  attach(target: ImportPaths): void {
    this.target = target;
    const queued = this.queue.splice(0).slice(0, MAX_OPENED_FILES);
    if (queued.length > 0) this.run(target, queued);
  }

  private run(target: ImportPaths, files: string[]): void {
    target(files).catch(this.onError);
  }
}
