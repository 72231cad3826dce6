import { expect, it } from 'vitest';
import type { BatchResult, MatchList } from '../protocol/api.ts';
import { pruneExpired } from './maintenance/prune.ts';
import { eachDialect, serverFor, signIn, testClock, upload, uploaded } from './testing/suite.ts';

const DAY_MS = 86_400_000;

await eachDialect('retention', (dialect) => {
  const clock = testClock();
  const srv = serverFor(dialect, { batchRetentionDays: 30 }, { now: clock.now });
  const batchIds = async (ownerId: number) =>
    (
      await srv()
        .server.ctx.conn.db.selectFrom('upload_batches')
        .select('batch_id')
        .where('owner_id', '=', ownerId)
        .orderBy('batch_id')
        .execute()
    ).map((r) => r.batch_id);

  it('forgets batch answers past the retention period, and a late resend changes nothing', async () => {
    const owner = await signIn(srv().url, '+447700500001');
    const friend = await signIn(srv().url, '+447700500002');
    const old = await uploaded(owner, 'keep-old-1', [friend.e164, '+447700500003']);
    clock.advance(20 * DAY_MS);
    await uploaded(owner, 'keep-new-1', ['+447700500004']);
    clock.advance(11 * DAY_MS);

    const pruned = await pruneExpired(srv().server.ctx.conn, clock.now(), 30);
    expect(pruned.batches).toBe(1);
    expect(await batchIds(owner.userId)).toEqual(['keep-new-1']);

    // The first batch again, long after: applied anew, it adds nothing and still names the friend.
    const again = await upload(owner, 'keep-old-1', [friend.e164, '+447700500003']);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject<Partial<BatchResult>>({
      added: 0,
      matches: old.matches,
      setHash: expect.any(String),
      count: 3,
    });
    const matches = await owner.call<MatchList>('GET', '/v1/contacts/matches');
    expect(matches.body.matches).toEqual([{ userId: friend.userId, e164: friend.e164 }]);
    // The newer answer is still replayed as stored.
    const replay = await upload(owner, 'keep-new-1', ['+447700500005']);
    expect(replay.status).toBe(409);
  });

  it('drops verification rows once their code and their hour of starts are over, and keeps live ones', async () => {
    const db = srv().server.ctx.conn.db;
    const start = (e164: string) =>
      srv().server.app.inject({ method: 'POST', url: '/v1/verification/start', payload: { e164 } });
    expect((await start('+447700500011')).statusCode).toBe(200);
    clock.advance(2 * 3_600_000);
    expect((await start('+447700500012')).statusCode).toBe(200);

    const pruned = await pruneExpired(srv().server.ctx.conn, clock.now(), 30);
    expect(pruned.verifications).toBeGreaterThanOrEqual(1);
    const left = (await db.selectFrom('verifications').select('e164').execute()).map((r) => Number(r.e164));
    expect(left).toContain(447700500012);
    expect(left).not.toContain(447700500011);
  });
});
