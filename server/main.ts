/** `npm run server`: the sync server on 127.0.0.1:8787 with SQLite, configured from the environment. */
import { buildServer } from './app.ts';
import { ConfigError, configFromEnv } from './config.ts';
import { maskUrl } from './db/connect.ts';

async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await buildServer(config);
  const address = await server.app.listen({ host: config.host, port: config.port });
  const { sender } = server.ctx;
  // One line with the URL, so scripts and tests can read it even with KITH_PORT=0.
  process.stdout.write(`kith-server listening on ${address}\n`);
  server.app.log.info(
    { database: maskUrl(config.databaseUrl), dev: config.dev, sender: sender?.kind ?? 'none' },
    'server started',
  );
  if (!sender) {
    server.app.log.warn('no SMS gateway: set KITH_SMS_WEBHOOK_URL, or KITH_DEV=1 to get codes on the console');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    server
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error('kith-server: shutdown failed:', err);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  console.error(`kith-server: ${message}`);
  process.exit(1);
});
