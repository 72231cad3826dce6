import { expect, it } from 'vitest';
import { connect } from './db/connect.ts';
import { everyCell, naming, type Cell } from './testing/cells.ts';
import { allEvents, eachDialect, serverFor, signIn, uploaded, type User } from './testing/suite.ts';

/** Every cell, in every table of the database, that names the account. */
async function tracesOf(url: string, user: User): Promise<Cell[]> {
  const { db } = connect(url, 1);
  try {
    return naming(await everyCell(db), user.userId, user.e164);
  } finally {
    await db.destroy();
  }
}

function where(cells: readonly Cell[]): string[] {
  return cells.map((c) => `${c.table}.${c.column} in ${JSON.stringify(c.row)}`);
}

/** The account's own rows: its users row, and rows whose user, owner or recipient it is. */
function own(cell: Cell, userId: number): boolean {
  if (cell.table === 'users') return Number(cell.row.id) === userId;
  return ['user_id', 'owner_id', 'recipient_id'].some((c) => c in cell.row && Number(cell.row[c]) === userId);
}

await eachDialect('what an account leaves in the database', (dialect) => {
  const srv = serverFor(dialect);

  /**
   * The account is matched in others' batch answers (uploads after it registered), has a join event in another
   * inbox (an upload before it registered), and uploads numbers of its own.
   */
  async function known(numbers: string[]): Promise<{ account: User; owners: User[] }> {
    const base = srv().url;
    const [early, late, number] = [numbers[0]!, numbers[1]!, numbers[2]!];
    const before = await signIn(base, early);
    await uploaded(before, `${early.slice(1)}-early`, [number, '+447701600999']);
    const account = await signIn(base, number);
    expect((await allEvents(before)).map((e) => e.userId)).toEqual([account.userId]);
    const after = await signIn(base, late);
    const answer = await uploaded(after, `${late.slice(1)}-late`, [number]);
    expect(answer.matches).toEqual([{ userId: account.userId, e164: number }]);
    await uploaded(account, `${number.slice(1)}-own`, [early, late]);
    return { account, owners: [before, after] };
  }

  it('keeps nothing of a deleted account but the number in others’ uploaded sets', async () => {
    const { account, owners } = await known(['+447701600001', '+447701600002', '+447701600003']);
    expect((await account.call('DELETE', '/v1/account')).status).toBe(200);

    const traces = await tracesOf(srv().db.url, account);
    // Others' uploaded sets hold the number as their owners' data (docs/server.md, Privacy); nothing else may.
    const allowed = (c: Cell) => c.table === 'contacts' && c.column === 'e164' && !own(c, account.userId);
    expect(where(traces.filter((c) => !allowed(c)))).toEqual([]);
    expect(traces.map((c) => Number(c.row.owner_id)).sort()).toEqual(owners.map((o) => o.userId).sort());
  });

  it('keeps no trace of a hidden account in others’ stored answers', async () => {
    const { account, owners } = await known(['+447701600011', '+447701600012', '+447701600013']);
    const hidden = await account.call('PUT', '/v1/account/discoverable', { discoverable: false });
    expect(hidden.status).toBe(200);

    const traces = await tracesOf(srv().db.url, account);
    // What the docs allow a hidden account to leave: its own rows (account, sessions, uploads, inbox, verification
    // of its number), the number in others' uploaded sets, and join events about it in others' inboxes, withheld
    // while it is hidden and shown again if it becomes discoverable (docs/server.md, Discoverability).
    const allowed = (c: Cell) =>
      own(c, account.userId) ||
      c.table.startsWith('verification') ||
      (c.table === 'contacts' && c.column === 'e164') ||
      (c.table === 'events' && Number(c.row.subject_user_id) === account.userId);
    expect(where(traces.filter((c) => !allowed(c)))).toEqual([]);
    const others = traces.filter((c) => !own(c, account.userId));
    expect(others.filter((c) => c.table === 'upload_batches')).toEqual([]);
    // The others' rows that do name it are the ones expected, so the scan did see them.
    expect(new Set(others.map((c) => c.table))).toEqual(new Set(['contacts', 'events']));
    expect(owners.every((o) => others.some((c) => Number(c.row.owner_id ?? c.row.recipient_id) === o.userId))).toBe(
      true,
    );
  });
});
