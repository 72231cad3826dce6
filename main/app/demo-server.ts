/**
 * The bundled sync server: when the user has not chosen one, the app runs the real server on loopback with SQLite
 * in its data folder, in dev mode (codes come back to the app), so everything works from the first minute.
 */
import { join } from 'node:path';
import { buildServer, type KithServer } from '../../server/app.ts';
import { configFromEnv } from '../../server/config.ts';
import { devSender } from '../../server/verification/senders.ts';

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/** Starts on `preferredPort` when it is free (so a stored server URL stays valid), else on any free port. */
export async function startDemoServer(dataDir: string, preferredPort = 0): Promise<DemoServer> {
  const config = {
    ...configFromEnv({}),
    databaseUrl: `sqlite:${join(dataDir, 'demo-server.sqlite')}`,
    // Beside its database, not in the per-user folder of a real server on this machine.
    secretFile: join(dataDir, 'demo-server.key'),
    dev: true,
    logLevel: 'warn',
  };
  const server: KithServer = await buildServer(config, { sender: devSender(() => {}) });
  let url: string;
  try {
    url = await server.app.listen({ host: '127.0.0.1', port: preferredPort });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || preferredPort === 0) {
      await server.close();
      throw err;
    }
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  }
  return { url, close: () => server.close() };
}
