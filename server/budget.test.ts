import { expect, it } from 'vitest';
import type { ErrorBody } from '../protocol/api.ts';
import { numberHash } from './account/spent-budget.ts';
import { fullAt } from './contacts/budget.ts';
import { toStored } from './db/schema.ts';
import { pruneExpired } from './maintenance/prune.ts';
import { eachDialect, phones, serverFor, signIn, testClock, upload, uploaded, type User } from './testing/suite.ts';

const MINUTE = 60_000;

async function refused(user: User, batchId: string, add: readonly string[]): Promise<ErrorBody> {
  const answer = await upload(user, batchId, add);
  expect(answer.status).toBe(429);
  const body = answer.body as unknown as ErrorBody;
  expect(body.error).toBe('budget_exhausted');
  expect(answer.headers.get('retry-after')).toBe(String(body.retryAfterSeconds));
  return body;
}

it('knows when a bucket is full again, and that one with no refill never is', () => {
  const config = { capacity: 5, refillPerHour: 6 };
  expect(fullAt({ tokens: 2, at: 1000 }, config)).toBe(1000 + 30 * MINUTE);
  expect(fullAt({ tokens: 5, at: 1000 }, config)).toBe(1000);
  expect(fullAt({ tokens: 2, at: 1000 }, { capacity: 5, refillPerHour: 0 })).toBe(Number.MAX_SAFE_INTEGER);
});

await eachDialect('the budget of new numbers', (dialect) => {
  const clock = testClock();
  // Five new numbers at once, then one every ten minutes.
  const srv = serverFor(dialect, { budget: { capacity: 5, refillPerHour: 6 } }, { now: clock.now });

  it('charges only numbers not already in the set, and refuses the rest with 429 and Retry-After', async () => {
    const me = await signIn(srv().url, '+447700500001');
    const five = phones('+447700500100', 5);
    await uploaded(me, 'budget-batch-1', five.slice(0, 3));
    await uploaded(me, 'budget-batch-2', five);
    // Held numbers are free, removing is free, and adding them back in another batch is free too.
    expect(await uploaded(me, 'budget-batch-3', five, [])).toMatchObject({ added: 0, count: 5 });

    const body = await refused(me, 'budget-batch-4', ['+447700500199']);
    expect(body.retryAfterSeconds).toBe(600);
    expect((await refused(me, 'budget-batch-5', phones('+447700500190', 2))).retryAfterSeconds).toBe(1200);
    // Another account has a budget of its own.
    const other = await signIn(srv().url, '+447700500002');
    expect(await uploaded(other, 'budget-batch-6', five)).toMatchObject({ added: 5 });
  });

  it('refills with time, up to the capacity', async () => {
    const me = await signIn(srv().url, '+447700500011');
    await uploaded(me, 'refill-batch-1', phones('+447700500200', 5));
    await refused(me, 'refill-batch-2', ['+447700500210']);

    clock.advance(5 * MINUTE);
    expect((await refused(me, 'refill-batch-2', ['+447700500210'])).retryAfterSeconds).toBe(300);
    clock.advance(5 * MINUTE);
    expect(await uploaded(me, 'refill-batch-2', ['+447700500210'])).toMatchObject({ added: 1, count: 6 });
    await refused(me, 'refill-batch-3', ['+447700500211']);

    // Ten hours refill far more than five, but the bucket holds five.
    clock.advance(10 * 60 * MINUTE);
    const six = phones('+447700500220', 6);
    await refused(me, 'refill-batch-4', six);
    expect(await uploaded(me, 'refill-batch-4', six.slice(0, 5))).toMatchObject({ added: 5, count: 11 });
    expect((await refused(me, 'refill-batch-5', six.slice(5))).retryAfterSeconds).toBe(600);
  });

  it('keeps the count and hash unchanged when a batch is refused', async () => {
    const me = await signIn(srv().url, '+447700500021');
    const first = await uploaded(me, 'keep-batch-1', phones('+447700500300', 4));
    const answer = await upload(me, 'keep-batch-2', [...phones('+447700500300', 4), ...phones('+447700500310', 2)], []);
    expect(answer.status).toBe(429);
    const check = await me.call<{ status: string; count: number }>('POST', '/v1/contacts/check', {
      setHash: first.setHash,
    });
    expect(check.body).toMatchObject({ status: 'unchanged', count: 4 });
    expect(await uploaded(me, 'keep-batch-3', phones('+447700500310', 1))).toMatchObject({ added: 1, count: 5 });
  });

  it('carries a part-spent budget over to the next account for the same number, until it has refilled', async () => {
    const e164 = '+447700500031';
    const first = await signIn(srv().url, e164);
    await uploaded(first, 'again-batch-1', phones('+447700500400', 4));
    expect((await first.call('DELETE', '/v1/account')).status).toBe(200);

    // One token left, kept under a keyed hash of the number and nothing else.
    const { db } = srv().server.ctx.conn;
    const kept = await db.selectFrom('spent_budgets').selectAll().execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.number_hash).toBe(numberHash(srv().server.ctx.secret, toStored(e164)));
    expect(JSON.stringify(kept)).not.toContain(e164.slice(1));

    const second = await signIn(srv().url, e164);
    expect(second.newAccount).toBe(true);
    expect((await refused(second, 'again-batch-2', phones('+447700500410', 2))).retryAfterSeconds).toBe(600);
    expect(await uploaded(second, 'again-batch-2', phones('+447700500410', 1))).toMatchObject({ added: 1 });
    // Taken over, not copied: the row is gone once the new account has it.
    expect(await db.selectFrom('spent_budgets').selectAll().execute()).toEqual([]);

    // Deleted again with nothing left: after 50 minutes it would have refilled, and then it is pruned.
    expect((await second.call('DELETE', '/v1/account')).status).toBe(200);
    const row = await db.selectFrom('spent_budgets').select(['tokens', 'full_at']).executeTakeFirstOrThrow();
    expect(Number(row.tokens)).toBe(0);
    expect(Number(row.full_at)).toBe(clock.now() + 50 * MINUTE);
    clock.advance(20 * MINUTE);
    const third = await signIn(srv().url, e164);
    await refused(third, 'again-batch-3', phones('+447700500420', 3));
    expect(await uploaded(third, 'again-batch-3', phones('+447700500420', 2))).toMatchObject({ added: 2 });
    expect((await third.call('DELETE', '/v1/account')).status).toBe(200);

    // Empty again, so full 50 minutes from now: pruned then, and not a moment before.
    clock.advance(50 * MINUTE - 1);
    expect((await pruneExpired(srv().server.ctx.conn, clock.now(), srv().server.ctx.config)).budgets).toBe(0);
    clock.advance(1);
    expect((await pruneExpired(srv().server.ctx.conn, clock.now(), srv().server.ctx.config)).budgets).toBe(1);
    const fourth = await signIn(srv().url, e164);
    expect(await uploaded(fourth, 'again-batch-4', phones('+447700500430', 5))).toMatchObject({ added: 5 });
  });

  it('keeps nothing when an account with a full budget is deleted', async () => {
    const me = await signIn(srv().url, '+447700500041');
    await uploaded(me, 'full-batch-1', phones('+447700500500', 2));
    clock.advance(20 * MINUTE);
    expect((await me.call('DELETE', '/v1/account')).status).toBe(200);
    const { db } = srv().server.ctx.conn;
    const kept = await db
      .selectFrom('spent_budgets')
      .select('number_hash')
      .where('number_hash', '=', numberHash(srv().server.ctx.secret, toStored('+447700500041')))
      .execute();
    expect(kept).toEqual([]);
  });
});
