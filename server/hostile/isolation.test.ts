/**
 * One account against another, and accounts that hide or go: every route of the table, called with another
 * account's token and aimed at the owner's devices and batches, leaves the owner's view unchanged and shows none of
 * it; and once a user hides or deletes its account, no answer to anyone names it, replayed batches included.
 */
import { expect, it } from 'vitest';
import { openStream } from '../testing/stream.ts';
import { eachDialect } from '../testing/suite.ts';
import { type Answer, hostileServer, type Hostile, type Probe, type Signed } from './harness.ts';
import { everyRoute, label, sampleRequest, urlOf } from './requests.ts';

const guarded = everyRoute().filter((spec) => spec.auth && !spec.websocket);
/** Routes that only read: what the owner's view is made of. */
const reads = guarded.filter((spec) => spec.method === 'GET');

const PRIVATE = ['+447702300001', '+447702300002', '+447702300003'];
const JOINER = '+447702300010';
const LATER = ['+447702300011', '+447702300012'];
const OWNER = '+447702300100';

/** Requests for every route that reads, as the owner would send them. */
function readsOf(h: Hostile, owner: Signed): Probe[] {
  return reads.map((spec) => ({
    method: spec.method,
    url: urlOf(spec, sampleRequest(spec)),
    authorization: h.bearer(owner),
  }));
}

/** An answer without the times that change by merely being asked (a device's last use). */
function steady(answer: Answer): unknown {
  return JSON.parse(answer.text.replace(/"lastSeenAt":\d+/g, '"lastSeenAt":0')) as unknown;
}

const names = (answer: Answer, userId: number) => new RegExp(`"userId":${userId}(?![0-9])`).test(answer.text);

await eachDialect('hostile callers: other accounts', (dialect) => {
  const h = hostileServer(dialect);
  let owner: Signed;
  let joiner: Signed;
  /** Everything the owner sent that may be sent again: its batches and every read. */
  let replayable: Probe[];

  async function sent(probe: Probe): Promise<Answer> {
    const answer = await h.send(probe);
    expect(answer.status, `${probe.method} ${probe.url}: ${answer.text}`).toBe(200);
    return answer;
  }

  it('sets up an owner whose batches and inbox name a user who joined', async () => {
    owner = await h.signIn(OWNER);
    const upload = (id: string, add: string[]): Probe => ({
      method: 'PUT',
      url: `/v1/contacts/batches/${id}`,
      authorization: h.bearer(owner),
      body: { add },
    });
    const first = upload('ownerBatch1', [...PRIVATE, JOINER, ...LATER]);
    await sent(first);
    joiner = await h.signIn(JOINER);
    const second = upload('ownerBatch2', [JOINER, '+447702300004']);
    expect(names(await sent(second), joiner.userId)).toBe(true);
    replayable = [first, second, ...readsOf(h, owner)];
    const answers = await Promise.all(replayable.map(sent));
    expect(answers.filter((a) => names(a, joiner.userId)).length).toBeGreaterThanOrEqual(3);
  });

  it('lets no other account read or change the owner’s data through any route', async () => {
    const view = async () => Promise.all(readsOf(h, owner).map(async (p) => steady(await sent(p))));
    const before = await view();
    let n = 447702310000;
    for (const spec of guarded) {
      // A fresh account a route, since some routes end the caller's session or account.
      const other = await h.signIn(`+${++n}`);
      const sample = sampleRequest(spec);
      // Aimed at the owner's things wherever the route names one.
      if ('id' in sample.params) sample.params.id = owner.deviceId;
      if ('batchId' in sample.params) sample.params.batchId = 'ownerBatch1';
      const answer = await h.send({
        method: spec.method,
        url: urlOf(spec, sample),
        authorization: h.bearer(other),
        body: sample.body,
      });
      const where = `${label(spec)}: ${answer.text.slice(0, 200)}`;
      expect(answer.status, where).toBeLessThan(500);
      for (const number of [...PRIVATE, OWNER]) expect(answer.text.includes(number), where).toBe(false);
      expect(names(answer, owner.userId), where).toBe(false);
      expect(await view(), where).toEqual(before);
    }
  });

  it('names a user who hid or deleted its account in no answer and no stream, replays included', async () => {
    const replayed = async () => Promise.all(replayable.map(sent));
    const put = (who: Signed, discoverable: boolean) =>
      sent({ method: 'PUT', url: '/v1/account/discoverable', authorization: h.bearer(who), body: { discoverable } });
    /** The owner's stream from the start, read until `sentinel` has joined: anything about the hidden comes before. */
    const streamed = async (sentinel: string) => {
      const stream = await openStream(h.running().url, owner.token, '?after=0');
      const latecomer = await h.signIn(sentinel);
      await stream.until(() => stream.events().some((e) => e.userId === latecomer.userId));
      stream.close();
      return stream.events();
    };

    await put(joiner, false);
    for (const answer of await replayed()) expect(names(answer, joiner.userId), answer.request).toBe(false);
    expect((await streamed(LATER[0]!)).filter((e) => e.userId === joiner.userId)).toEqual([]);

    // Shown again, it is named again: the checks above can see it.
    await put(joiner, true);
    expect((await replayed()).filter((a) => names(a, joiner.userId)).length).toBeGreaterThanOrEqual(3);

    await sent({ method: 'DELETE', url: '/v1/account', authorization: h.bearer(joiner) });
    for (const answer of await replayed()) expect(names(answer, joiner.userId), answer.request).toBe(false);
    expect((await streamed(LATER[1]!)).filter((e) => e.userId === joiner.userId)).toEqual([]);
  });

  it('leaves no token, code or secret in any answer or log line, and no uploaded number in the log', () => {
    expect(h.leaks()).toEqual([]);
    expect(h.numbersInLog([...PRIVATE, JOINER, ...LATER, OWNER])).toEqual([]);
  });
});
