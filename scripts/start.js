// `npm start`: build, then run the desktop app with the locally installed Electron.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronInstallScript, findElectronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');

let electron = findElectronBinary();
if (!electron.found && !process.env.KITH_ELECTRON_PATH) {
  // Installs that skipped electron's postinstall get the binary here, as `require('electron')` would.
  spawnSync(process.execPath, [electronInstallScript], { cwd: root, stdio: 'ignore' });
  electron = findElectronBinary();
}
if (!electron.found) {
  console.error(`kith: ${electron.reason}. Without Electron, try the browser mode: npm run start:web`);
  process.exit(1);
}

const build = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { ...process.env };
// Set by some tools; it would make the binary behave as plain Node instead of the app.
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
