import { spawn } from 'node:child_process';
import path from 'node:path';

// Runs `node scripts/web.ts` exactly as `npm run start:web` does, on a free port, and
// reads the URL (with its token) from the one line the harness prints.

export interface HarnessProcess {
  readonly url: string;
  readonly origin: string;
  /** Everything the harness wrote so far, for attaching to failed tests. */
  output(): string;
  stop(): Promise<void>;
}

const projectRoot = path.resolve(import.meta.dirname, '..');
const urlLine = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;

export async function startHarnessProcess(timeoutMs = 15_000): Promise<HarnessProcess> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'scripts', 'web.ts')], {
    cwd: projectRoot,
    env: { ...process.env, KITH_WEB_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`harness printed no URL in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = output.match(urlLine);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with code ${code} before printing its URL:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGTERM');
    await exited;
    throw error;
  });

  return {
    url,
    origin: new URL(url).origin,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
