/**
 * Runs one HTTP server for the server benchmark in a process of its own, so that it has a core to itself:
 * `real DATABASE_URL` is the Kith server (buildServer on a seeded database); `floor` is the same Fastify stack
 * with the same body limit, route shape and request validation, answering from an in-memory map of the
 * registered users. Sends `{ url }` to its parent once listening and stops when the parent disconnects.
 */
import Fastify from 'fastify';
import { BatchParams, BatchUpload, type BatchResult } from '../protocol/api.ts';
import { EMPTY_SET_HASH } from '../protocol/set-hash.ts';
import { buildServer, BODY_LIMIT } from '../server/app.ts';
import { testConfig } from '../server/config.ts';
import { checkBatch } from '../server/contacts/validate.ts';
import { fromStored, toStored } from '../server/db/schema.ts';
import { devSender } from '../server/verification/senders.ts';
import { discoverable, stored, USERS } from './server-data.ts';

const LOG_LEVEL = 'warn';
const [mode, databaseUrl] = process.argv.slice(2);

async function floorServer() {
  // Stored number → user id of every registered, discoverable user.
  const registered = new Map<number, number>();
  for (let i = 0; i < USERS; i++) if (discoverable(i)) registered.set(stored(i), i + 1);

  const app = Fastify({ logger: { level: LOG_LEVEL }, bodyLimit: BODY_LIMIT });
  app.put('/v1/contacts/batches/:batchId', async (request, reply): Promise<BatchResult> => {
    const header = request.headers.authorization;
    if (!header || !/^Bearer ([A-Za-z0-9_-]{16,128})$/.test(header)) return reply.code(401).send();
    const params = BatchParams.safeParse(request.params);
    const body = BatchUpload.safeParse(request.body ?? {});
    if (!params.success || !body.success) return reply.code(400).send();
    checkBatch(body.data.add, body.data.remove);
    const add = [...new Set(body.data.add)].map(toStored);
    const matches = add
      .filter((n) => registered.has(n))
      .sort((a, b) => a - b)
      .map((n) => ({ userId: registered.get(n)!, e164: fromStored(n) }));
    return { batchId: params.data.batchId, added: add.length, removed: 0, matches, setHash: EMPTY_SET_HASH, count: 0 };
  });
  return { app, close: () => app.close() };
}

async function realServer(url: string) {
  const server = await buildServer(testConfig(url, { logLevel: LOG_LEVEL }), { sender: devSender(() => {}) });
  return { app: server.app, close: () => server.close() };
}

const server = mode === 'floor' ? await floorServer() : await realServer(databaseUrl!);
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
// The parent forks this file with an IPC channel: it hears the address, and ends the server by disconnecting.
process.send!({ url });
process.once('disconnect', () => void server.close().then(() => process.exit(0)));
