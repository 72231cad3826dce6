import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppHost, type HostOptions } from '../app/host.ts';

export const TEST_APP_INFO = { name: 'Kith', version: '1.2.3', platform: 'linux' };

/** A real host on a fresh data folder; `close()` also removes the folder. */
export async function openTestHost(options: Partial<HostOptions> = {}): Promise<AppHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kith-host-'));
  const host = await AppHost.open({ dataDir, appInfo: TEST_APP_INFO, ...options });
  const close = host.close.bind(host);
  host.close = async () => {
    await close();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return host;
}
