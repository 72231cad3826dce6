/**
 * Verification sessions against someone who wants to keep a number from signing in, or to text it: the victim and
 * the attacker are told apart by their addresses (the server trusts X-Forwarded-For here), and every limit is the
 * default one.
 */
import { expect, it } from 'vitest';
import type { ErrorBody } from '../../protocol/api.ts';
import { DEFAULT_LIMITS } from '../config.ts';
import { call, startServer, startVerification, verifySession, type ApiAnswer } from '../testing/client.ts';
import { eachDialect, serverFor, testClock } from '../testing/suite.ts';
import type { ChallengeVerifier } from '../verification/challenge.ts';
import type { CodeSender } from '../verification/senders.ts';
import { newToken } from '../auth/tokens.ts';

const HOUR = 3_600_000;
const from = (address: string) => ({ 'x-forwarded-for': address });
/** Any six digits but these. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const madeUpSession = () => newToken();

function statuses(answers: ApiAnswer<unknown>[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

await eachDialect('verification sessions', (dialect) => {
  const clock = testClock();
  /** The numbers the code sender was asked to text. */
  const sent: string[] = [];
  const recording: CodeSender = { kind: 'dev', send: async (e164) => void sent.push(e164) };
  const textsTo = (e164: string) => sent.filter((n) => n === e164).length;
  const srv = serverFor(dialect, { trustProxy: true, limits: DEFAULT_LIMITS }, { now: clock.now, sender: recording });

  /** Everything one address can do against a number: code requests, guesses in its own sessions, made-up ones. */
  async function attack(base: string, e164: string, address: string): Promise<void> {
    const starts = [];
    for (let i = 0; i < 12; i++) starts.push(await startVerification(base, e164, from(address)));
    for (const s of starts.filter((a) => a.status === 200)) {
      for (let i = 0; i <= DEFAULT_LIMITS.attemptsPerCode; i++) {
        await verifySession(base, s.body.sessionId, wrong(s.body.devCode!), {}, from(address));
      }
    }
    for (let i = 0; i < 10; i++) {
      const guess = String(i).repeat(6);
      await verifySession(base, madeUpSession(), guess, {}, from(address));
      await call(base, 'POST', '/v1/verification/verify', { body: { e164, code: guess }, headers: from(address) });
    }
  }

  it('lets the victim sign in within a minute whatever one other address does', async () => {
    const base = srv().url;
    const victimNumber = '+447701200001';
    const attacker = '203.0.113.10';
    const victim = '198.51.100.10';

    await attack(base, victimNumber, attacker);
    // The attacker's own requests are what run out.
    expect((await startVerification(base, victimNumber, from(attacker))).body.error).toBe('too_many_codes');
    clock.advance(20_000);
    const started = await startVerification(base, victimNumber, from(victim));
    expect(started.status).toBe(200);
    // And again while the victim's code is on its way.
    await attack(base, victimNumber, attacker);
    clock.advance(20_000);
    const signedIn = await verifySession(base, started.body.sessionId, started.body.devCode!, {}, from(victim));
    expect(signedIn).toMatchObject({ status: 200, body: { e164: victimNumber, newAccount: true } });
    // Three texts came from the attacker's requests, one from the victim's.
    expect(textsTo(victimNumber)).toBe(DEFAULT_LIMITS.startsPerNumberPerIpPerHour + 1);
  });

  it(`sends at most ${DEFAULT_LIMITS.startsPerNumberPerIpPerHour} codes an hour to a number for one address`, async () => {
    const base = srv().url;
    const target = '+447701200011';
    const n = DEFAULT_LIMITS.startsPerNumberPerIpPerHour;
    const first = [];
    for (let i = 0; i < 20; i++) first.push(await startVerification(base, target, from('203.0.113.20')));
    expect(statuses(first)).toEqual({ 200: n, 429: 20 - n });
    expect(first[n]!.body).toMatchObject({ error: 'too_many_codes', retryAfterSeconds: 3600 });
    expect(textsTo(target)).toBe(n);

    // An IPv6 address counts by its /64: walking through the block gets no more.
    const v6 = [];
    for (let i = 1; i <= 10; i++)
      v6.push(await startVerification(base, target, from(`2001:db8:20:1::${i.toString(16)}`)));
    expect(statuses(v6)).toEqual({ 200: n, 429: 10 - n });
    expect(textsTo(target)).toBe(2 * n);

    // The next hour, n more.
    clock.advance(HOUR);
    const later = [];
    for (let i = 0; i < 20; i++) later.push(await startVerification(base, target, from('203.0.113.20')));
    expect(statuses(later)).toEqual({ 200: n, 429: 20 - n });
    expect(textsTo(target)).toBe(3 * n);
  });

  it('refuses the one-step verification with the number, telling the client to update', async () => {
    const base = srv().url;
    const e164 = '+447701200021';
    const started = await startVerification(base, e164, from('198.51.100.21'));
    const oneStep = await call<ErrorBody>(base, 'POST', '/v1/verification/verify', {
      body: { e164, code: started.body.devCode, deviceName: 'old client' },
    });
    expect(oneStep.status).toBe(400);
    expect(oneStep.body).toMatchObject({ error: 'session_required', field: 'sessionId' });
    expect(oneStep.body.message).toContain('needs an update');
    // It spent nothing: the code still signs in, once, and creates the account then.
    const signedIn = await verifySession(base, started.body.sessionId, started.body.devCode!);
    expect(signedIn).toMatchObject({ status: 200, body: { e164, newAccount: true } });
    expect((await verifySession(base, started.body.sessionId, started.body.devCode!)).body.error).toBe('code_expired');
  });

  it('keeps every session to its own code and its own attempts', async () => {
    const base = srv().url;
    const e164 = '+447701200031';
    const victim = await startVerification(base, e164, from('198.51.100.31'));
    // Later starts for the same number, from elsewhere, with codes other than the victim's.
    const others = [];
    while (others.length < 2) {
      const other = await startVerification(base, e164, from('203.0.113.31'));
      const codes = [victim.body.devCode, ...others.map((o) => o.devCode)];
      if (!codes.includes(other.body.devCode)) others.push(other.body);
    }
    const [mine, another] = others as [(typeof others)[0], (typeof others)[0]];
    // A session's id with another session's code is a wrong guess, in that session only.
    expect((await verifySession(base, mine.sessionId, victim.body.devCode!)).body.error).toBe('wrong_code');
    expect((await verifySession(base, mine.sessionId, another.devCode!)).body.error).toBe('wrong_code');
    for (let i = 2; i < DEFAULT_LIMITS.attemptsPerCode; i++) {
      expect((await verifySession(base, mine.sessionId, wrong(mine.devCode!))).body.error).toBe('wrong_code');
    }
    const spent = await verifySession(base, mine.sessionId, mine.devCode!);
    expect(spent).toMatchObject({ status: 429, body: { error: 'too_many_attempts' } });
    // The victim's session still has all its attempts and its own code, which neither later start replaced.
    for (let i = 1; i < DEFAULT_LIMITS.attemptsPerCode; i++) {
      expect((await verifySession(base, victim.body.sessionId, wrong(victim.body.devCode!))).status).toBe(400);
    }
    const signedIn = await verifySession(base, victim.body.sessionId, victim.body.devCode!);
    expect(signedIn).toMatchObject({ status: 200, body: { e164, newAccount: true } });
    // And another start's code signs in a second device in its own session.
    const second = await verifySession(base, another.sessionId, another.devCode!);
    expect(second).toMatchObject({ status: 200, body: { userId: signedIn.body.userId, newAccount: false } });
  });

  it('lets an operator’s challenge refuse a start before anything is sent or counted', async () => {
    const seen: Array<string | undefined> = [];
    const captcha: ChallengeVerifier = {
      async check({ e164, answer }) {
        seen.push(answer?.token);
        if (answer?.type === 'captcha' && answer.token === `solved:${e164}`) return { pass: true };
        return { pass: false, demand: { type: 'captcha', parameters: { siteKey: 'site-key-1' } } };
      },
    };
    const guarded = await startServer(
      dialect,
      { trustProxy: true, limits: DEFAULT_LIMITS },
      { now: clock.now, sender: recording, challenge: captcha },
      srv().db,
    );
    try {
      const e164 = '+447701200041';
      const address = from('198.51.100.41');
      const refused = [];
      refused.push(await startVerification(guarded.url, e164, address));
      for (let i = 0; i < DEFAULT_LIMITS.startsPerNumberPerIpPerHour + 2; i++) {
        refused.push(
          await startVerification(guarded.url, e164, address, { challenge: { type: 'captcha', token: 'x' } }),
        );
      }
      for (const answer of refused) {
        expect(answer.status).toBe(428);
        expect(answer.body).toMatchObject({
          error: 'challenge_required',
          challenge: { type: 'captcha', parameters: { siteKey: 'site-key-1' } },
        });
      }
      expect(textsTo(e164)).toBe(0);
      expect(seen.slice(0, 2)).toEqual([undefined, 'x']);
      // None of the refused starts counted against the number: all of this address's share is still there.
      const solved = { challenge: { type: 'captcha', token: `solved:${e164}` } };
      for (let i = 0; i < DEFAULT_LIMITS.startsPerNumberPerIpPerHour; i++) {
        expect((await startVerification(guarded.url, e164, address, solved)).status).toBe(200);
      }
      expect(textsTo(e164)).toBe(DEFAULT_LIMITS.startsPerNumberPerIpPerHour);
      // A server without the hook ignores the field.
      expect((await startVerification(srv().url, '+447701200042', from('198.51.100.42'), solved)).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});
