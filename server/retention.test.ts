import { expect, it } from 'vitest';
import type { BatchResult, MatchList } from '../protocol/api.ts';
import { DAY_MS } from './config.ts';
import { pruneExpired } from './maintenance/prune.ts';
import { maintenanceRound } from './maintenance/schedule.ts';
import { openStream } from './testing/stream.ts';
import { eachDialect, eventPage, serverFor, signIn, testClock, upload, uploaded } from './testing/suite.ts';

const RETENTION = { batchRetentionDays: 30, sessionIdleDays: 90 };

await eachDialect('retention', (dialect) => {
  const clock = testClock();
  const srv = serverFor(dialect, RETENTION, { now: clock.now });
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

    const pruned = await pruneExpired(srv().server.ctx.conn, clock.now(), RETENTION);
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

  it('drops verification sessions once their code has expired, and keeps live ones', async () => {
    const db = srv().server.ctx.conn.db;
    const start = (e164: string) =>
      srv().server.app.inject({ method: 'POST', url: '/v1/verification/start', payload: { e164 } });
    expect((await start('+447700500011')).statusCode).toBe(200);
    clock.advance(300_000);
    expect((await start('+447700500012')).statusCode).toBe(200);

    const pruned = await pruneExpired(srv().server.ctx.conn, clock.now(), RETENTION);
    expect(pruned.verifications).toBeGreaterThanOrEqual(1);
    const sessions = await db.selectFrom('verification_sessions').select('e164').execute();
    const left = sessions.map((r) => Number(r.e164));
    expect(left).toContain(447700500012);
    expect(left).not.toContain(447700500011);
  });

  it('ends a session left idle past its period, keeps used ones, and stops it holding back read events', async () => {
    const db = srv().server.ctx.conn.db;
    const owner = await signIn(srv().url, '+447700500021');
    const idle = await signIn(srv().url, '+447700500021', { deviceName: 'old laptop' });
    const idleStream = await openStream(srv().url, idle.token);
    const friendNumber = '+447700500022';
    await uploaded(owner, 'idle-book-1', [friendNumber]);
    await signIn(srv().url, friendNumber);
    const inbox = () => db.selectFrom('events').select('id').where('recipient_id', '=', owner.userId).execute();
    expect(await inbox()).toHaveLength(1);

    clock.advance(60 * DAY_MS);
    const page = await eventPage(owner);
    const ownerStream = await openStream(srv().url, owner.token);
    expect(page.events).toHaveLength(1);
    expect((await owner.call('POST', '/v1/events/ack', { upTo: page.cursor })).status).toBe(200);
    // The idle device has not read it, so the event stays for it.
    expect(await inbox()).toHaveLength(1);

    clock.advance(31 * DAY_MS);
    expect((await idle.call('GET', '/v1/devices')).status).toBe(401);
    const devices = await owner.call<Array<{ name: string | null }>>('GET', '/v1/devices');
    expect(devices.status).toBe(200);

    // The suite's earlier sign-ins are as idle by now, and go too.
    const pruned = await maintenanceRound(srv().server.ctx);
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    // The idle device's stream closes as if it had been signed out; the used device's stays open.
    expect((await idleStream.closed).code).toBe(4401);
    await uploaded(owner, 'idle-book-2', ['+447700500023']);
    const second = await signIn(srv().url, '+447700500023');
    await ownerStream.until(() => ownerStream.events().some((e) => e.userId === second.userId));
    ownerStream.close();
    const left = await db.selectFrom('sessions').select('device_name').where('user_id', '=', owner.userId).execute();
    expect(left).toHaveLength(1);
    expect(left[0]!.device_name).not.toBe('old laptop');
    // With only the device that read it left, the next acknowledgement lets the first event go.
    expect((await owner.call('POST', '/v1/events/ack', { upTo: page.cursor })).status).toBe(200);
    const rest = await inbox();
    expect(rest).toHaveLength(1);
    expect(Number(rest[0]!.id)).toBeGreaterThan(page.cursor);
  });
});
