import { expect, it } from 'vitest';
import type { MatchList, NumberPage, SetCheckResult } from '../protocol/api.ts';
import { setHash } from '../protocol/set-hash.ts';
import { eachDialect, phones, serverFor, signIn, signInAll, uploaded, type User } from './testing/suite.ts';

const byNumber = (a: { e164: string }, b: { e164: string }) => Number(a.e164.slice(1)) - Number(b.e164.slice(1));
const asMatch = (u: User) => ({ userId: u.userId, e164: u.e164 });

async function check(user: User, hash: string) {
  return (await user.call<SetCheckResult>('POST', '/v1/contacts/check', { setHash: hash })).body;
}

await eachDialect('matching', (dialect) => {
  const srv = serverFor(dialect);

  it('answers a batch with the added numbers of registered users, never the caller or unregistered numbers', async () => {
    const [me, f1, f2] = await signInAll(srv().url, ['+447700200001', '+447700200002', '+447700200003']);
    const strangers = phones('+447700200100', 3);
    const first = await uploaded(me!, 'match-batch-1', [f2!.e164, strangers[0]!, me!.e164, f1!.e164, strangers[1]!]);
    expect(first).toMatchObject({ added: 5, removed: 0, count: 5 });
    expect(first.matches).toEqual([asMatch(f1!), asMatch(f2!)].sort(byNumber));

    // Adding a number again lists it again; numbers that are only removed are never listed.
    const second = await uploaded(me!, 'match-batch-2', [f1!.e164, strangers[2]!], [f2!.e164]);
    expect(second).toMatchObject({ added: 1, removed: 1, count: 5, matches: [asMatch(f1!)] });
    expect((await uploaded(me!, 'match-batch-3', [], [f1!.e164])).matches).toEqual([]);
  });

  it('lists every uploaded number of a registered user at /matches, including ones who joined later', async () => {
    const [me, f1, f2] = await signInAll(srv().url, ['+447700200011', '+447700200012', '+447700200013']);
    const later = '+447700200014';
    const numbers = [f1!.e164, f2!.e164, later, me!.e164, '+447700200015'];
    const batch = await uploaded(me!, 'matches-list-1', numbers);
    const list = await me!.call<MatchList>('GET', '/v1/contacts/matches');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ matches: [asMatch(f1!), asMatch(f2!)], setHash: batch.setHash, count: 5 });

    const joined = await signIn(srv().url, later);
    await uploaded(me!, 'matches-list-2', [], [f2!.e164]);
    const after = await me!.call<MatchList>('GET', '/v1/contacts/matches');
    expect(after.body.matches).toEqual([asMatch(f1!), asMatch(joined)]);
    expect(after.body.count).toBe(4);
    // The others' lists are their own: f1 uploaded nothing.
    expect((await f1!.call<MatchList>('GET', '/v1/contacts/matches')).body).toMatchObject({ matches: [], count: 0 });
  });

  it('says unchanged for the hash of exactly the uploaded set and mismatch otherwise', async () => {
    const me = await signIn(srv().url, '+447700200021');
    const numbers = phones('+447700200200', 6);
    const batch = await uploaded(me, 'check-batch-1', numbers);
    expect(batch.setHash).toBe(setHash(numbers));
    expect(await check(me, setHash([...numbers].reverse()))).toEqual({
      status: 'unchanged',
      count: 6,
      reconcileAfterSeconds: 86_400,
    });
    expect((await check(me, setHash(numbers.slice(1)))).status).toBe('mismatch');
    expect((await check(me, setHash([...numbers, '+447700200299']))).status).toBe('mismatch');

    await uploaded(me, 'check-batch-2', ['+447700200299'], [numbers[0]!, numbers[1]!]);
    const now = [...numbers.slice(2), '+447700200299'];
    expect(await check(me, setHash(now))).toMatchObject({ status: 'unchanged', count: 5 });
    expect((await check(me, setHash(numbers))).status).toBe('mismatch');
  });

  it('pages through the caller’s own numbers with after and limit', async () => {
    const me = await signIn(srv().url, '+447700200031');
    const other = await signIn(srv().url, '+447700200032');
    // Numbers of different lengths, so the order must hold across them; 21 is exactly three pages of 7.
    const numbers = [...phones('+447700200300', 18), '+12025550143', '+8613800138000', '+33612345678'];
    await uploaded(me, 'page-batch-1', numbers.slice(0, 10));
    await uploaded(me, 'page-batch-2', numbers.slice(10));
    await uploaded(other, 'page-batch-3', ['+447700200399']);

    const pages: NumberPage[] = [];
    let after: string | null = null;
    do {
      const query: string = after ? `?limit=7&after=${encodeURIComponent(after)}` : '?limit=7';
      const page = await me.call<NumberPage>('GET', `/v1/contacts${query}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
      after = page.body.next;
    } while (after && pages.length < 10);

    expect(pages.map((p) => p.numbers.length)).toEqual([7, 7, 7]);
    expect(pages.map((p) => p.next)).toEqual([pages[0]!.numbers[6], pages[1]!.numbers[6], null]);
    const listed = pages.flatMap((p) => p.numbers);
    expect(listed).toEqual([...numbers].sort((a, b) => byNumber({ e164: a }, { e164: b })));

    const all = await me.call<NumberPage>('GET', '/v1/contacts');
    expect(all.body).toEqual({ numbers: listed, next: null });
    const past = await me.call<NumberPage>('GET', `/v1/contacts?after=${encodeURIComponent(listed[20]!)}`);
    expect(past.body).toEqual({ numbers: [], next: null });
  });
});
