import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Finds the Electron executable WITHOUT require('electron'): that call starts a download
// when the binary is missing, which must never happen implicitly (offline machines, CI).

export type ElectronBinary =
  { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

const projectRoot = path.resolve(import.meta.dirname, '..');

function platformExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env, root = projectRoot): ElectronBinary {
  const override = env.KITH_ELECTRON_PATH;
  if (override) {
    const resolved = path.resolve(root, override);
    return existsSync(resolved)
      ? { found: true, path: resolved }
      : { found: false, reason: `KITH_ELECTRON_PATH points at ${resolved}, which does not exist` };
  }
  const moduleDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(moduleDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformExecutable();
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(moduleDir, 'dist');
  const binary = path.join(distDir, executable);
  if (existsSync(binary)) return { found: true, path: binary };
  return {
    found: false,
    reason:
      `Electron binary not found at ${path.relative(root, binary) || binary}; ` +
      'run `npm install` on a connected machine or set KITH_ELECTRON_PATH',
  };
}

/** The script electron's own package runs to fetch its binary; start.js calls it on first use. */
export const electronInstallScript = path.join(projectRoot, 'node_modules', 'electron', 'install.js');
