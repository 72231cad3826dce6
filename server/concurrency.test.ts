import { expect, it } from 'vitest';
import type { MatchList } from '../protocol/api.ts';
import { setHash } from '../protocol/set-hash.ts';
import { startSession, verifySession } from './testing/client.ts';
import { allEvents, eachDialect, phones, serverFor, signInAll, upload } from './testing/suite.ts';

const UPLOADERS = 20;
const JOINERS = 30;
const BATCHES = 3;

/** Uploader i holds joiner j when i + j is a multiple of 4: five holders per joining number. */
const holds = (i: number, j: number) => (i + j) % 4 === 0;

/** A fixed shuffle, so that requests of all kinds interleave. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const k = seed % (i + 1);
    [out[i], out[k]] = [out[k]!, out[i]!];
  }
  return out;
}

await eachDialect('concurrent uploads and joins', (dialect) => {
  const srv = serverFor(dialect);

  it('loses no join and duplicates no event when uploads of a number race its join', async () => {
    const base = srv().url;
    const uploaders = await signInAll(base, phones('+447700800000', UPLOADERS));
    const joining = phones('+447700810000', JOINERS);
    const held = uploaders.map((_, i) => joining.filter((_, j) => holds(i, j)));
    const numbersOf = uploaders.map((_, i) => shuffled([...held[i]!, ...phones(`+4477008${20000 + i * 100}`, 12)], i));

    // Codes first, so that the verifications themselves race the uploads.
    const sessions = await Promise.all(joining.map((e164) => startSession(base, e164)));
    const uploads = uploaders.flatMap((u, i) =>
      Array.from({ length: BATCHES }, (_, b) => async () => {
        const add = numbersOf[i]!.filter((_, k) => k % BATCHES === b);
        return { owner: i, answer: await upload(u, `race-${i}-${b}-batch`, add) };
      }),
    );
    const joins = sessions.map(({ sessionId, code }, j) => async () => {
      return { joiner: j, answer: await verifySession(base, sessionId, code) };
    });
    const results = await Promise.all(shuffled<() => Promise<unknown>>([...uploads, ...joins], 7).map((f) => f()));

    const batchAnswers = results.filter((r) => 'owner' in (r as object)) as Awaited<ReturnType<(typeof uploads)[0]>>[];
    const joinAnswers = results.filter((r) => 'joiner' in (r as object)) as Awaited<ReturnType<(typeof joins)[0]>>[];
    expect(batchAnswers.map((r) => r.answer.status)).toEqual(Array(UPLOADERS * BATCHES).fill(200));
    expect(joinAnswers.map((r) => [r.answer.status, r.answer.body.newAccount])).toEqual(
      Array(JOINERS).fill([200, true]),
    );
    const userIdOf = new Map(joinAnswers.map((r) => [joining[r.joiner]!, r.answer.body.userId]));

    let learnt = 0;
    for (const [i, uploader] of uploaders.entries()) {
      const events = await allEvents(uploader, 0, 7);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      for (const e of events) {
        expect(held[i]).toContain(e.e164);
        expect(e.userId).toBe(userIdOf.get(e.e164));
      }
      const matched = batchAnswers.filter((r) => r.owner === i).flatMap((r) => r.answer.body.matches);
      for (const m of matched) expect(m.userId).toBe(userIdOf.get(m.e164));
      // Each number the owner holds was reported exactly once: by the join's event or by the batch's answer.
      for (const e164 of held[i]!) {
        const byEvent = events.filter((e) => e.e164 === e164).length;
        const byAnswer = matched.filter((m) => m.e164 === e164).length;
        expect({ owner: i, e164, reports: byEvent + byAnswer }).toEqual({ owner: i, e164, reports: 1 });
        learnt++;
      }
      expect(events.length + matched.length).toBe(held[i]!.length);

      const list = await uploader.call<MatchList>('GET', '/v1/contacts/matches');
      expect(list.body.matches.map((m) => m.e164).sort()).toEqual([...held[i]!].sort());
      expect(list.body.count).toBe(numbersOf[i]!.length);
      expect(list.body.setHash).toBe(setHash(numbersOf[i]!));
    }
    expect(learnt).toBe(JOINERS * 5);
  });
});
