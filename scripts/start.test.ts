import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../main/testing/tmp.ts';
import { findElectronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('npm start without an Electron binary', () => {
  it('prints one line that points to the browser mode, and builds nothing', () => {
    const missing = path.join(tempDir(), 'electron');
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.js')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', KITH_ELECTRON_PATH: missing },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(missing);
    expect(lines[0]).toContain('npm run start:web');
  });
});

describe('findElectronBinary', () => {
  it('uses KITH_ELECTRON_PATH when it exists, and says so when it does not', () => {
    const dir = tempDir();
    const binary = path.join(dir, 'electron');
    expect(findElectronBinary({ KITH_ELECTRON_PATH: binary }, dir)).toEqual({
      found: false,
      reason: expect.stringContaining('KITH_ELECTRON_PATH'),
    });
    writeFileSync(binary, '');
    expect(findElectronBinary({ KITH_ELECTRON_PATH: binary }, dir)).toEqual({ found: true, path: binary });
  });

  it('finds the binary electron installed, through its path.txt, without requiring electron', () => {
    const dir = tempDir();
    const moduleDir = path.join(dir, 'node_modules', 'electron');
    mkdirSync(path.join(moduleDir, 'dist'), { recursive: true });
    writeFileSync(path.join(moduleDir, 'path.txt'), 'my-electron');
    expect(findElectronBinary({}, dir)).toMatchObject({ found: false, reason: expect.stringContaining('npm install') });
    writeFileSync(path.join(moduleDir, 'dist', 'my-electron'), '');
    expect(findElectronBinary({}, dir)).toEqual({ found: true, path: path.join(moduleDir, 'dist', 'my-electron') });
  });
});
