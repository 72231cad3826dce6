import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { numberHash, unkeyedNumberHash } from './account/spent-budget.ts';
import { connect } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { newSecret } from './secret.ts';
import { startServer } from './testing/client.ts';
import { cellText, everyCell } from './testing/cells.ts';
import { createTestDatabase } from './testing/databases.ts';
import { eachDialect, phones, signIn, upload, uploaded } from './testing/suite.ts';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

await eachDialect('migration 008, keyed hashes', (dialect) => {
  it('leaves no unkeyed hash and no stored match, and keeps deleted accounts’ budgets', async () => {
    const database = await createTestDatabase(dialect);
    const secret = newSecret();
    const conn = connect(database.url, 1);
    const [owner, friend, leaver] = [447701800001, 447701800002, 447701800003];
    try {
      expect(await migrate(conn.db, dialect, secret, '007-verification-sessions')).toContain(
        '007-verification-sessions',
      );
      // Rows as the server kept them before: a batch answer naming a match under an unkeyed request hash, a
      // deleted account's budget and an address's window under unkeyed hashes.
      const now = Date.now();
      const user = (e164: number) => ({
        e164,
        created_at: now,
        discoverable: 1,
        set_hash: '0'.repeat(64),
        contact_count: 0,
        budget_tokens: 50_000,
        budget_at: now,
      });
      await conn.db
        .insertInto('users')
        .values([user(owner), user(friend)])
        .execute();
      const ids = await conn.db.selectFrom('users').select(['id', 'e164']).orderBy('e164').execute();
      const [ownerId, friendId] = ids.map((r) => Number(r.id));
      const requestHash = sha256(JSON.stringify([[friend], []]));
      const response = JSON.stringify({
        batchId: 'old-batch-1',
        added: 1,
        removed: 0,
        matches: [{ userId: friendId, e164: `+${friend}` }],
        setHash: '1'.repeat(64),
        count: 1,
      });
      await conn.db
        .insertInto('upload_batches')
        .values({ owner_id: ownerId!, batch_id: 'old-batch-1', request_hash: requestHash, response, created_at: now })
        .execute();
      const budgetHash = unkeyedNumberHash(leaver);
      expect(budgetHash).toBe(sha256(`kith-budget:${leaver}`));
      await conn.db
        .insertInto('spent_budgets')
        .values({ number_hash: budgetHash, tokens: 1, at: now, full_at: now + 86_400_000 })
        .execute();
      const addressHash = sha256('kith-address:192.0.2.7');
      await conn.db
        .insertInto('address_windows')
        .values({ address_hash: addressHash, kind: 'starts', window_start: now, hits: 3 })
        .execute();
      const before = (await everyCell(conn.db)).map(cellText).join('\n');
      for (const old of [requestHash, budgetHash, addressHash, '"matches"']) expect(before).toContain(old);

      expect(await migrate(conn.db, dialect, secret)).toEqual(['008-keyed-hashes']);
      const after = await everyCell(conn.db);
      const text = after.map(cellText).join('\n');
      for (const old of [requestHash, budgetHash, addressHash, '"matches"', `"userId":${friendId}`]) {
        expect(text).not.toContain(old);
      }
      expect(await conn.db.selectFrom('upload_batches').selectAll().execute()).toEqual([]);
      expect(await conn.db.selectFrom('address_windows').selectAll().execute()).toEqual([]);
      const kept = await conn.db.selectFrom('spent_budgets').select(['number_hash', 'tokens']).execute();
      expect(kept.map((r) => [r.number_hash, Number(r.tokens)])).toEqual([[numberHash(secret, leaver), 1]]);
    } finally {
      await conn.db.destroy();
    }

    // A server with the same secret finds the rekeyed budget: the new account for the number starts from it.
    const server = await startServer(dialect, { secret, budget: { capacity: 5, refillPerHour: 0 } }, {}, database);
    try {
      const back = await signIn(server.url, `+${leaver}`);
      expect((await upload(back, 'after-batch-1', phones('+447701800100', 2))).status).toBe(429);
      expect(await uploaded(back, 'after-batch-1', phones('+447701800100', 1))).toMatchObject({ added: 1 });
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
