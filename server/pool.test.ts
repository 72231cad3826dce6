import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type Running } from './testing/client.ts';
import { availability, PG_URL } from './testing/databases.ts';

const skip = await availability('postgres');

describe.skipIf(skip !== null)('pooled PostgreSQL connections', () => {
  let srv: Running;
  beforeAll(async () => {
    srv = await startServer('postgres');
  });
  afterAll(async () => srv?.stop());

  it('survives its idle connections being terminated, and reconnects', async () => {
    expect((await call(srv.url, 'GET', '/health')).status).toBe(200);
    const database = new URL(srv.db.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // The pool drops the dead connections and opens new ones; nothing reaches the process as an unhandled error.
    let health = await call(srv.url, 'GET', '/health');
    for (let i = 0; i < 20 && health.status !== 200; i++) health = await call(srv.url, 'GET', '/health');
    expect(health.status).toBe(200);
  });
});
