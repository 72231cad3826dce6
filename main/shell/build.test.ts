import { build } from 'electron-vite';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordResult, RecordTask } from '../import/records.ts';

// The real electron-vite build of electron.vite.config.ts, into a temporary folder: the entries the shell
// relies on, what stays external, the phone matcher swapped in the bundle, and the built import worker at work.

const root = path.resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'kith-build-'));
const out = path.join(scratch, 'out');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const read = (file: string): string => readFileSync(path.join(out, file), 'utf8');
const mainFiles = (): string[] =>
  readdirSync(path.join(out, 'main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));

beforeAll(async () => {
  await build({ root, logLevel: 'silent', build: { outDir: out } });
}, 120_000);

describe('the main build', () => {
  it('emits the app entry and the import worker side by side, as ES modules', () => {
    expect(mainFiles()).toEqual(expect.arrayContaining(['index.js', 'import-worker.js']));
    expect(read('main/import-worker.js')).toMatch(/^import /m);
  });

  it('keeps the native SQLite addon and electron external', () => {
    const index = read('main/index.js');
    expect(index).toMatch(/from "better-sqlite3"/);
    expect(index).toMatch(/from "electron"/);
  });

  it('bundles libphonenumber-js with the caching matcher in place of its own', () => {
    const all = mainFiles().map((file) => read(path.join('main', file)));
    expect(all.some((code) => /from ["']libphonenumber-js/.test(code))).toBe(false);
    expect(all.some((code) => code.includes('// main/phone/matches-entirely.ts'))).toBe(true);
    expect(all.some((code) => code.includes('libphonenumber-js/es6/helpers/matchesEntirely.js'))).toBe(false);
  });

  it('runs the built worker: records in, normalized numbers out', async () => {
    const worker = new Worker(pathToFileURL(path.join(out, 'main', 'import-worker.js')));
    try {
      const task: RecordTask = {
        kind: 'contacts',
        region: 'GB',
        contacts: [{ line: 1, uid: null, name: 'Anita Sharma', phones: [{ raw: '07946 000001', label: 'Mobile' }] }],
      };
      const reply = await new Promise<{ id: number; results?: RecordResult[] }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id: 7, task });
      });
      expect(reply.id).toBe(7);
      expect(reply.results).toEqual([
        expect.objectContaining({
          ok: true,
          name: 'Anita Sharma',
          phones: [expect.objectContaining({ e164: '+447946000001' })],
        }),
      ]);
    } finally {
      await worker.terminate();
    }
  });
});

describe('the preload build', () => {
  it('is one CommonJS file that needs nothing but electron (a sandboxed preload can load nothing else)', () => {
    expect(readdirSync(path.join(out, 'preload'))).toEqual(['index.cjs']);
    const code = read('preload/index.cjs');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^import /m);
  });
});
