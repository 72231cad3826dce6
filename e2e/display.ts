import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';

// Electron always opens a real window. On a Linux box without a display, start a private
// Xvfb when one is installed; elsewhere the current display is used as is.

export interface VirtualDisplay {
  readonly display: string;
  stop(): Promise<void>;
}

export function needsVirtualDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

export async function startVirtualDisplay(): Promise<VirtualDisplay | null> {
  const xvfb = ['/usr/bin/Xvfb', '/usr/local/bin/Xvfb'].find((candidate) => existsSync(candidate));
  if (!xvfb) return null;
  // -displayfd makes Xvfb pick a free display number and write it to fd 3 once it is ready.
  const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const number = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.match(/^(\d+)\n/);
      if (line?.[1]) resolve(line[1]);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited early with code ${code}`)));
  });
  return {
    display: `:${number}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
