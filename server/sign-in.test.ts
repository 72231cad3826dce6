/**
 * Sign-in is one transaction: spending the code, creating the account, writing its join events and opening the
 * device's session. A trigger makes the database itself refuse the last of these.
 */
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './config.ts';
import type { Database, DialectName } from './db/schema.ts';
import { toStored } from './db/schema.ts';
import { startSession, verifySession } from './testing/client.ts';
import { allEvents, eachDialect, serverFor, signIn, uploaded } from './testing/suite.ts';
import { sessionIdHash } from './verification/codes.ts';

/** Makes every insert into `sessions` fail inside the database, or stops doing so. */
async function failSessionInserts(db: Kysely<Database>, dialect: DialectName, on: boolean): Promise<void> {
  if (dialect === 'sqlite') {
    await (
      on
        ? sql`create trigger fail_sessions before insert on sessions begin select raise(abort, 'injected failure'); end`
        : sql`drop trigger fail_sessions`
    ).execute(db);
  } else if (dialect === 'postgres') {
    if (on) {
      await sql`create function fail_sessions() returns trigger language plpgsql as $$
        begin raise exception 'injected failure'; end $$`.execute(db);
      await sql`create trigger fail_sessions before insert on sessions
        for each row execute function fail_sessions()`.execute(db);
    } else {
      await sql`drop trigger fail_sessions on sessions`.execute(db);
      await sql`drop function fail_sessions()`.execute(db);
    }
  } else {
    await (
      on
        ? sql`create trigger fail_sessions before insert on sessions
          for each row signal sqlstate '45000' set message_text = 'injected failure'`
        : sql`drop trigger fail_sessions`
    ).execute(db);
  }
}

await eachDialect('sign-in', (dialect) => {
  const srv = serverFor(dialect);

  it('leaves no account, no join event and no spent code when opening the session fails', async () => {
    const base = srv().url;
    const db = srv().server.ctx.conn.db;
    const owner = await signIn(base, '+447701300001');
    const joiner = '+447701300002';
    await uploaded(owner, 'atomic-book-1', [joiner]);
    const { sessionId, code } = await startSession(base, joiner);
    const sessionsBefore = await db.selectFrom('sessions').select('id').execute();

    await failSessionInserts(db, dialect, true);
    let failed;
    try {
      failed = await verifySession(base, sessionId, code, { deviceName: 'phone' });
    } finally {
      await failSessionInserts(db, dialect, false);
    }
    expect(failed).toMatchObject({ status: 500, body: { error: 'internal' } });

    const number = toStored(joiner);
    expect(await db.selectFrom('users').select('id').where('e164', '=', number).execute()).toEqual([]);
    expect(await db.selectFrom('events').select('id').where('e164', '=', number).execute()).toEqual([]);
    expect(await db.selectFrom('sessions').select('id').execute()).toEqual(sessionsBefore);
    // The code is unspent; the attempt that matched it stays taken.
    const pending = await db
      .selectFrom('verification_sessions')
      .select('attempts_left')
      .where('id_hash', '=', sessionIdHash(sessionId))
      .executeTakeFirst();
    expect(pending).toEqual({ attempts_left: DEFAULT_LIMITS.attemptsPerCode - 1 });

    // With the fault gone, the same code signs in, once, and the join is told once.
    const signedIn = await verifySession(base, sessionId, code, { deviceName: 'phone' });
    expect(signedIn).toMatchObject({ status: 200, body: { e164: joiner, newAccount: true } });
    expect((await verifySession(base, sessionId, code)).body.error).toBe('code_expired');
    expect(await allEvents(owner)).toEqual([expect.objectContaining({ e164: joiner, userId: signedIn.body.userId })]);
    expect(await db.selectFrom('sessions').select('id').execute()).toHaveLength(sessionsBefore.length + 1);
  });
});
