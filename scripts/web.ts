// `npm run start:web`: the built UI in any browser, wired to the real IPC handlers.
// KITH_WEB_PORT picks the port (default: any free one). The URL line is what tools parse.
import { startWebHarness } from './web-harness.ts';

const port = Number.parseInt(process.env.KITH_WEB_PORT ?? '0', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`KITH_WEB_PORT must be a port number, got ${JSON.stringify(process.env.KITH_WEB_PORT)}`);
  process.exit(2);
}

try {
  const harness = await startWebHarness({ port });
  console.log(`Kith browser mode: ${harness.url}`);
  const stop = (): void => {
    harness.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
