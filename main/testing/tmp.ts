import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, onTestFinished } from 'vitest';

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kith-test-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    // Inside a test or a beforeEach: a hook registered with afterEach at this point would never run.
    onTestFinished(remove);
  } catch {
    afterEach(remove);
  }
  return dir;
}
