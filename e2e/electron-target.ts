import path from 'node:path';
import { findElectronBinary } from '../scripts/electron-binary.ts';

// What the electron project launches: a packaged build when KITH_E2E_APP names its
// executable, otherwise the dev Electron binary pointed at out/main.

export type ElectronTarget =
  | { readonly found: true; readonly executablePath: string; readonly args: readonly string[] }
  | { readonly found: false; readonly reason: string };

const mainEntry = path.resolve(import.meta.dirname, '..', 'out', 'main', 'index.js');

export function electronTarget(env: NodeJS.ProcessEnv = process.env): ElectronTarget {
  if (env.KITH_E2E_APP) return { found: true, executablePath: path.resolve(env.KITH_E2E_APP), args: [] };
  const binary = findElectronBinary(env);
  return binary.found ? { found: true, executablePath: binary.path, args: [mainEntry] } : binary;
}
