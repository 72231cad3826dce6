// i18n-ignore-file: test set-up; its texts are skip reasons and bus configuration for developers.
/**
 * A private session bus for tests, in a temporary HOME: D-Bus starts EDS's own daemons on it when they are first
 * called, with the bus's environment, so nothing of the real user's address books is touched. `stop()` ends the bus,
 * waits for the daemons it started to exit (they do so by themselves within about 2 s), and removes the folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';
import { callBus, connectSessionBus } from '../bus.ts';

const SERVICES = '/usr/share/dbus-1/services';
const GI_PROBE = "import gi; gi.require_version('EBook', '1.2'); gi.require_version('EDataServer', '1.2')";
export const HELPER = join(import.meta.dirname, 'eds-helper.py');

/** Why EDS cannot be run here, or null when it can. */
export function edsMissing(): string | null {
  if (!existsSync('/usr/bin/dbus-daemon')) return 'dbus-daemon is not installed (apt-get install dbus)';
  if (!existsSync('/usr/libexec/evolution-addressbook-factory')) {
    return 'evolution-data-server is not installed (apt-get install evolution-data-server)';
  }
  if (!existsSync(SERVICES) || !readdirSync(SERVICES).some((f) => f.startsWith('org.gnome.evolution.dataserver'))) {
    return `EDS's D-Bus service files are not in ${SERVICES}`;
  }
  const probe = spawnSync('/usr/bin/python3', ['-c', GI_PROBE], { stdio: 'ignore', timeout: 10_000 });
  if (probe.status !== 0) {
    return 'the Python bindings are missing (apt-get install python3-gi gir1.2-ebook-1.2 gir1.2-edataserver-1.2)';
  }
  return null;
}

export interface PrivateBus {
  address: string;
  env: NodeJS.ProcessEnv;
  home: string;
  /** The process id of the connection owning `name`. */
  pidOf(name: string): Promise<number>;
  stop(): Promise<void>;
}

/** Starts a private session bus; with `services` false, it can start no service at all (as without EDS). */
export async function startPrivateBus(options: { services?: boolean } = {}): Promise<PrivateBus> {
  const root = mkdtempSync(join(tmpdir(), 'kith-eds-'));
  const dirs = { config: join(root, 'config'), data: join(root, 'data'), cache: join(root, 'cache') };
  const runtime = join(root, 'run');
  for (const dir of [...Object.values(dirs), runtime]) mkdirSync(dir, { recursive: true });
  chmodSync(runtime, 0o700);
  const socket = join(runtime, 'bus');
  const config = join(root, 'bus.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socket}</listen>
  ${options.services === false ? '' : `<servicedir>${SERVICES}</servicedir>`}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: root,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: runtime,
    // No dconf daemon: settings stay in memory.
    GSETTINGS_BACKEND: 'memory',
    LANG: 'C.UTF-8',
  };
  const daemon = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await firstLine(daemon).catch((err: unknown) => {
    daemon.kill();
    rmSync(root, { recursive: true, force: true });
    throw err;
  });
  env['DBUS_SESSION_BUS_ADDRESS'] = address;
  return {
    address,
    env,
    home: root,
    pidOf: async (name) => {
      const bus = await connectSessionBus(address);
      try {
        const [pid] = await callBus(bus, 'GetConnectionUnixProcessID', 's', [name]);
        return pid as number;
      } finally {
        bus.disconnect();
      }
    },
    stop: async () => {
      const started = await processesOn(address);
      daemon.kill('SIGTERM');
      await exited(daemon);
      await waitForExit(started, 5000);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('dbus-daemon printed no address in 5 s')), 5000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** The process ids of every other connection on the bus: the daemons it started. */
async function processesOn(address: string): Promise<number[]> {
  const bus = await connectSessionBus(address);
  try {
    const [names] = (await callBus(bus, 'ListNames')) as [string[]];
    const pids = new Set<number>();
    for (const name of names.filter((n) => n.startsWith(':'))) {
      const [pid] = await callBus(bus, 'GetConnectionUnixProcessID', 's', [name]).catch(() => [null]);
      if (typeof pid === 'number' && pid !== process.pid) pids.add(pid);
    }
    return [...pids];
  } finally {
    bus.disconnect();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for `pids` to exit; those still there after `ms` (which they should not be) are ended by their id. */
async function waitForExit(pids: number[], ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGTERM');
}

/** EDS's own client library in a Python process, changing the address books as another application would. */
export interface Helper {
  ask(command: Record<string, unknown>): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startHelper(env: NodeJS.ProcessEnv): Promise<Helper> {
  const child = spawn('/usr/bin/python3', [HELPER], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the EDS helper ended: ${stderr}`);
    return JSON.parse(value as string) as Record<string, unknown>;
  };
  await next();
  return {
    ask: async (command) => {
      child.stdin!.write(`${JSON.stringify(command)}\n`);
      const answer = await next();
      if (typeof answer['error'] === 'string') throw new Error(`EDS helper: ${answer['error']}`);
      return answer;
    },
    stop: async () => {
      child.stdin!.end();
      await exited(child);
    },
  };
}
