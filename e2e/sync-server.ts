import { login, startServer, type Running } from '../server/testing/client.ts';
import { createTestDatabase, type TestDatabase } from '../server/testing/databases.ts';
import { fromStored, toStored } from '../server/db/schema.ts';

// A real sync server on loopback (SQLite, dev mode: verification codes come back in the response), which a test
// can stop and start again on the same port and database, and whose tables it can read as the truth.

export interface TestSyncServer {
  /** The address the app is given, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  /** Stops listening; the database stays. */
  stop(): Promise<void>;
  /** Starts again on the same port with the same database. */
  restart(): Promise<void>;
  /** Stops and drops the database. */
  close(): Promise<void>;
  /** Someone signs in with this number (as a new user joining Kith). */
  join(e164: string): Promise<void>;
  /** The numbers the server holds for the user with this number, sorted. */
  uploadedBy(e164: string): Promise<string[]>;
  /** The batch ids the server applied for the user with this number. */
  batchesOf(e164: string): Promise<string[]>;
}

export async function startSyncServer(): Promise<TestSyncServer> {
  const database: TestDatabase = await createTestDatabase('sqlite');
  let running: Running | null = await startServer('sqlite', {}, {}, database);
  const url = running.url;
  const port = Number(new URL(url).port);

  const live = (): Running => {
    if (!running) throw new Error('the sync server is stopped');
    return running;
  };
  /** The server's database and the id of the user with this number. */
  const owner = async (e164: string) => {
    const db = live().server.ctx.conn.db;
    const user = await db.selectFrom('users').select('id').where('e164', '=', toStored(e164)).executeTakeFirst();
    if (!user) throw new Error(`no user ${e164} on the server`);
    return { db, id: user.id };
  };

  return {
    url,
    async stop() {
      await running?.stop();
      running = null;
    },
    async restart() {
      if (running) throw new Error('the sync server is already running');
      running = await startServer('sqlite', { port }, {}, database);
    },
    async close() {
      await running?.stop();
      running = null;
      await database.drop();
    },
    async join(e164) {
      await login(live().url, e164, { deviceName: 'e2e second user' });
    },
    async uploadedBy(e164) {
      const { db, id } = await owner(e164);
      const rows = await db.selectFrom('contacts').select('e164').where('owner_id', '=', id).execute();
      return rows.map((row) => fromStored(row.e164)).sort();
    },
    async batchesOf(e164) {
      const { db, id } = await owner(e164);
      const rows = await db.selectFrom('upload_batches').select('batch_id').where('owner_id', '=', id).execute();
      return rows.map((row) => row.batch_id);
    },
  };
}
