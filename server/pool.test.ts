import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServer, type Running } from './testing/client.ts';
import { availability, withMysql, withPg } from './testing/databases.ts';
import { phones, serverFor, signInAll, upload } from './testing/suite.ts';

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
    const { rowCount } = await withPg((admin) =>
      admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      ),
    );
    expect(rowCount).toBeGreaterThan(0);
    // The pool drops the dead connections and opens new ones; nothing reaches the process as an unhandled error.
    let health = await call(srv.url, 'GET', '/health');
    for (let i = 0; i < 20 && health.status !== 200; i++) health = await call(srv.url, 'GET', '/health');
    expect(health.status).toBe(200);
  });
});

/** Connections the server's database has open, other than the one asking. */
async function openConnections(dialect: 'postgres' | 'mysql', url: string): Promise<number> {
  const database = new URL(url).pathname.slice(1);
  if (dialect === 'postgres') {
    const { rows } = await withPg((admin) =>
      admin.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      ),
    );
    return rows[0]!.n;
  }
  const [rows] = await withMysql((admin) =>
    admin.query('select count(*) as n from information_schema.processlist where db = ?', [database]),
  );
  return Number((rows as { n: number }[])[0]!.n);
}

for (const dialect of ['postgres', 'mysql'] as const) {
  const skipDialect = await availability(dialect);
  describe.skipIf(skipDialect !== null)(`the ${dialect} pool`, () => {
    const srv = serverFor(dialect, { dbPool: 2 });

    it('opens no more connections than dbPool, however many requests wait', async () => {
      const users = await signInAll(srv().url, phones('+447700900100', 12));
      const answers = await Promise.all(
        users.map((u, i) => upload(u, `pool-batch-${i}`, phones(`+4477009${10000 + i * 100}`, 50))),
      );
      expect(answers.map((a) => a.status)).toEqual(users.map(() => 200));
      expect(await openConnections(dialect, srv().db.url)).toBe(2);
    });
  });
}
