import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Account, ErrorBody, MatchList } from '../protocol/api.ts';
import { toStored } from './db/schema.ts';
import { eachDialect, phones, serverFor, signIn, testClock, upload, uploaded, type User } from './testing/suite.ts';

async function state(user: User): Promise<{ count: number; setHash: string; contactCount: number }> {
  const [matches, account] = await Promise.all([
    user.call<MatchList>('GET', '/v1/contacts/matches'),
    user.call<Account>('GET', '/v1/account'),
  ]);
  return { count: matches.body.count, setHash: matches.body.setHash, contactCount: account.body.contactCount };
}

await eachDialect('batch idempotency', (dialect) => {
  const clock = testClock();
  const srv = serverFor(dialect, { budget: { capacity: 5, refillPerHour: 6 } }, { now: clock.now });

  it('answers a repeated batch id with the stored answer and applies it once', async () => {
    const friend = await signIn(srv().url, '+447700100001');
    const me = await signIn(srv().url, '+447700100002');
    const [n1, n2] = phones('+447700100100', 2);
    const first = await upload(me, 'batch-aaa1', [friend.e164, n1!, n2!]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      batchId: 'batch-aaa1',
      added: 3,
      removed: 0,
      count: 3,
      matches: [{ userId: friend.userId, e164: friend.e164 }],
    });
    const after = await state(me);

    // The same numbers in another order, with a duplicate: the same batch.
    const again = await upload(me, 'batch-aaa1', [n2!, friend.e164, n1!, n2!]);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await state(me)).toEqual(after);
    expect(after).toMatchObject({ count: 3, contactCount: 3, setHash: first.body.setHash });

    // Three of five tokens went on the first send: two more new numbers fit, a third does not.
    expect((await upload(me, 'batch-aaa2', phones('+447700100110', 2))).status).toBe(200);
    expect((await upload(me, 'batch-aaa3', ['+447700100120'])).status).toBe(429);

    // Later, with the set changed, the first id still gives its first answer.
    const late = await upload(me, 'batch-aaa1', [friend.e164, n1!, n2!]);
    expect(late.body).toEqual(first.body);
    expect((await state(me)).count).toBe(5);
  });

  it('applies one of many simultaneous sends of the same batch', async () => {
    const me = await signIn(srv().url, '+447700100003');
    const numbers = phones('+447700100200', 4);
    const answers = await Promise.all(Array.from({ length: 8 }, () => upload(me, 'racing-batch', numbers)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body).toMatchObject({ added: 4, count: 4 });
    expect((await state(me)).contactCount).toBe(4);
    // One token is left, not five: the batch was charged once.
    expect((await upload(me, 'racing-next', phones('+447700100210', 2))).status).toBe(429);
    expect((await upload(me, 'racing-next', phones('+447700100210', 1))).status).toBe(200);
  });

  it('refuses a batch id reused for other numbers with 409 and changes nothing', async () => {
    const me = await signIn(srv().url, '+447700100004');
    const other = await signIn(srv().url, '+447700100005');
    const original = await uploaded(me, 'batch-bbb1', ['+447700100300'], []);
    const before = await state(me);
    for (const [add, remove] of [
      [['+447700100301'], []],
      [['+447700100300', '+447700100301'], []],
      [['+447700100300'], ['+447700100302']],
      [[], ['+447700100300']],
    ]) {
      const conflict = await upload(me, 'batch-bbb1', add!, remove!);
      expect(conflict.status).toBe(409);
      expect((conflict.body as unknown as ErrorBody).error).toBe('batch_conflict');
    }
    expect(await state(me)).toEqual(before);
    expect((await upload(me, 'batch-bbb1', ['+447700100300'])).body).toEqual(original);
    // Batch ids belong to their account: another account may use the same one for anything.
    const theirs = await upload(other, 'batch-bbb1', ['+447700100301']);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ added: 1, count: 1 });
  });

  it('refuses with 409 a batch recorded under a hash it cannot match, so the client sends it under a new id', async () => {
    // What a batch recorded under another secret, or under the unkeyed hash of its numbers, looks like.
    const me = await signIn(srv().url, '+447700100008');
    const numbers = ['+447700100600', '+14155550100', '+4477001006'];
    await uploaded(me, 'batch-old1', numbers);
    const unkeyed = createHash('sha256')
      .update(JSON.stringify([numbers.map(toStored).sort((a, b) => a - b), []]))
      .digest('hex');
    const { db } = srv().server.ctx.conn;
    const stored = db
      .selectFrom('upload_batches')
      .select('request_hash')
      .where('owner_id', '=', me.userId)
      .where('batch_id', '=', 'batch-old1');
    expect((await stored.executeTakeFirstOrThrow()).request_hash).not.toBe(unkeyed);
    await db
      .updateTable('upload_batches')
      .set({ request_hash: unkeyed })
      .where('owner_id', '=', me.userId)
      .where('batch_id', '=', 'batch-old1')
      .execute();

    const again = await upload(me, 'batch-old1', [...numbers].reverse());
    expect(again.status).toBe(409);
    expect((await upload(me, 'batch-new1', numbers)).body).toMatchObject({ added: 0, count: 3 });
  });

  it('does not record a batch refused for its budget, so it applies when sent again later', async () => {
    const me = await signIn(srv().url, '+447700100006');
    await uploaded(me, 'fill-batch', phones('+447700100400', 5));
    const more = phones('+447700100410', 2);
    const refused = await upload(me, 'late-batch', more);
    expect(refused.status).toBe(429);
    expect(await state(me)).toMatchObject({ count: 5, contactCount: 5 });

    clock.advance(20 * 60_000); // two tokens at six an hour
    const applied = await upload(me, 'late-batch', more);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ batchId: 'late-batch', added: 2, count: 7 });
  });

  it('does not record a batch refused as invalid or too large, so the id can carry the corrected batch', async () => {
    const me = await signIn(srv().url, '+447700100007');
    const invalid = await upload(me, 'fix-batch-1', ['+447700100500', '07700 100501']);
    expect(invalid.status).toBe(400);
    const both = await upload(me, 'fix-batch-2', ['+447700100500'], ['+447700100500']);
    expect(both.status).toBe(400);
    const tooLarge = await upload(me, 'fix-batch-3', phones('+447700101000', 1001));
    expect(tooLarge.status).toBe(413);
    expect(await state(me)).toMatchObject({ count: 0 });

    expect((await upload(me, 'fix-batch-1', ['+447700100500'])).body).toMatchObject({ added: 1, count: 1 });
    expect((await upload(me, 'fix-batch-2', ['+447700100501'])).body).toMatchObject({ added: 1, count: 2 });
    expect((await upload(me, 'fix-batch-3', [], ['+447700100500'])).body).toMatchObject({ removed: 1, count: 1 });
  });
});

await eachDialect('a replayed batch', (dialect) => {
  const srv = serverFor(dialect);

  it('is matched against who is registered and discoverable now, joined by then, and applies nothing again', async () => {
    const me = await signIn(srv().url, '+447700110001');
    const hider = await signIn(srv().url, '+447700110002');
    const leaver = await signIn(srv().url, '+447700110003');
    const [later, stranger] = ['+447700110004', '+447700110005'];
    const numbers = [hider.e164, leaver.e164, later, stranger];
    const first = await uploaded(me, 'replay-batch-1', numbers);
    expect(first.matches).toEqual([
      { userId: hider.userId, e164: hider.e164 },
      { userId: leaver.userId, e164: leaver.e164 },
    ]);
    // The set changes after the batch: a replay must not add the removed number back.
    await uploaded(me, 'replay-batch-2', [], [stranger]);
    const before = await state(me);
    const replay = async () => {
      const answer = await upload(me, 'replay-batch-1', [...numbers].reverse());
      expect(answer.status).toBe(200);
      const { matches, ...counts } = answer.body;
      const { matches: _, ...firstCounts } = first;
      expect(counts).toEqual(firstCounts);
      expect(await state(me)).toEqual(before);
      return matches;
    };

    await hider.call('PUT', '/v1/account/discoverable', { discoverable: false });
    expect(await replay()).toEqual([{ userId: leaver.userId, e164: leaver.e164 }]);
    expect((await leaver.call('DELETE', '/v1/account')).status).toBe(200);
    expect(await replay()).toEqual([]);
    // Someone who joins after the batch was applied is told of by a join event, not by the replay as well: both
    // would make the client take the join for old news and never announce it.
    const joiner = await signIn(srv().url, later);
    expect(await replay()).toEqual([]);
    const inbox = await me.call('GET', '/v1/events');
    expect((inbox.body as { events: Array<{ userId: number; e164: string }> }).events).toEqual([
      expect.objectContaining({ userId: joiner.userId, e164: later }),
    ]);
    await hider.call('PUT', '/v1/account/discoverable', { discoverable: true });
    expect(await replay()).toEqual([{ userId: hider.userId, e164: hider.e164 }]);
  });

  it('keeps the counts and the set hash of each answer, and no matches', async () => {
    const me = await signIn(srv().url, '+447700110011');
    const friend = await signIn(srv().url, '+447700110012');
    const answer = await uploaded(me, 'stored-batch-1', [friend.e164, '+447700110013'], []);
    expect(answer.matches).toEqual([{ userId: friend.userId, e164: friend.e164 }]);
    const row = await srv()
      .server.ctx.conn.db.selectFrom('upload_batches')
      .select('response')
      .where('owner_id', '=', me.userId)
      .where('batch_id', '=', 'stored-batch-1')
      .executeTakeFirstOrThrow();
    const { matches: _, ...counts } = answer;
    expect(JSON.parse(row.response)).toEqual(counts);
  });
});
