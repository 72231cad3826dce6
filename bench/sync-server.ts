/**
 * Runs the real Kith server for the sync benchmark in a process of its own, so that it has a core to itself:
 * `node bench/sync-server.ts DATABASE_URL CAPACITY` starts buildServer in dev mode on loopback, with the account
 * budget of new numbers raised to CAPACITY. Prints `{"url": …}` once listening and stops when stdin closes.
 */
import { buildServer } from '../server/app.ts';
import { testConfig } from '../server/config.ts';
import { devSender } from '../server/verification/senders.ts';

const [databaseUrl, capacity] = process.argv.slice(2) as [string, string];
const server = await buildServer(
  testConfig(databaseUrl, { logLevel: 'warn', budget: { capacity: Number(capacity), refillPerHour: 6 } }),
  { sender: devSender(() => {}) },
);
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(JSON.stringify({ url }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => {
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
