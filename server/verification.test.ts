import { expect, it } from 'vitest';
import type { DeviceList, ErrorBody } from '../protocol/api.ts';
import { DEFAULT_LIMITS, type LimitConfig } from './config.ts';
import { pruneExpired } from './maintenance/prune.ts';
import {
  call,
  LOOPBACK_LIMITS,
  startServer,
  startSession,
  startVerification,
  verifySession,
  type ApiAnswer,
} from './testing/client.ts';
import { eachDialect, serverFor, signIn, testClock } from './testing/suite.ts';
import type { CodeSender } from './verification/senders.ts';
import { newToken } from './auth/tokens.ts';

const MINUTE = 60_000;

const start = startVerification;

/** Any six digits but these. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

function expectTooMany(answer: ApiAnswer<Partial<ErrorBody>>, error: string, seconds: number): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toMatchObject({ error, retryAfterSeconds: seconds });
  expect(answer.headers.get('retry-after')).toBe(String(seconds));
}

await eachDialect('verification', (dialect) => {
  const clock = testClock();
  const srv = serverFor(dialect, {}, { now: clock.now });

  /** A second server on the same database, trusting X-Forwarded-For, so that each request can have an address of its own. */
  const behindProxy = (limits: LimitConfig = DEFAULT_LIMITS) =>
    startServer(dialect, { trustProxy: true, limits }, { now: clock.now }, srv().db);

  it('refuses a wrong code with 400, and every guess once the session’s attempts are spent with 429', async () => {
    const base = srv().url;
    const e164 = '+447701100001';
    const { sessionId, code } = await startSession(base, e164);
    for (let i = 0; i < DEFAULT_LIMITS.attemptsPerCode - 1; i++) {
      expect((await verifySession(base, sessionId, wrong(code))).body).toMatchObject({ error: 'wrong_code' });
    }
    // One attempt is left, and the right code takes it.
    expect((await verifySession(base, sessionId, code)).status).toBe(200);

    const next = await startSession(base, e164);
    for (let i = 0; i < DEFAULT_LIMITS.attemptsPerCode; i++) {
      expect((await verifySession(base, next.sessionId, wrong(next.code))).status).toBe(400);
    }
    const spent = await verifySession(base, next.sessionId, next.code);
    expect(spent).toMatchObject({ status: 429, body: { error: 'too_many_attempts' } });
    // A new session starts over.
    const again = await startSession(base, e164);
    expect((await verifySession(base, again.sessionId, again.code)).status).toBe(200);
  });

  it('compares a session’s code against at most the allowed number of guesses, however many arrive at once', async () => {
    // Behind a proxy, from twenty addresses: nothing but the code's own allowance stands in the way.
    const proxied = await behindProxy(LOOPBACK_LIMITS);
    try {
      const { sessionId, code } = await startSession(proxied.url, '+447701100904');
      const guesses = Array.from({ length: 20 }, (_, i) => ({
        code: String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
        from: `198.51.100.${i + 1}`,
      }));
      const answers = await Promise.all(
        guesses.map((g) => verifySession(proxied.url, sessionId, g.code, {}, { 'x-forwarded-for': g.from })),
      );
      // Five are compared and found wrong; the rest are refused without being compared.
      const errors = answers.map((a) => a.body.error);
      expect(errors.filter((e) => e === 'wrong_code')).toHaveLength(DEFAULT_LIMITS.attemptsPerCode);
      expect(errors.filter((e) => e === 'too_many_attempts')).toHaveLength(20 - DEFAULT_LIMITS.attemptsPerCode);
      expect((await verifySession(proxied.url, sessionId, code)).body).toMatchObject({ error: 'too_many_attempts' });
    } finally {
      await proxied.stop();
    }
  });

  it('refuses an expired code, or a session it never opened, with 400', async () => {
    const base = srv().url;
    const fresh = await startSession(base, '+447701100011');
    const stale = await startSession(base, '+447701100012');
    clock.advance(5 * MINUTE - 1);
    expect((await verifySession(base, fresh.sessionId, fresh.code)).status).toBe(200);
    clock.advance(1);
    expect((await verifySession(base, stale.sessionId, stale.code)).body).toMatchObject({ error: 'code_expired' });
    const madeUp = newToken();
    expect((await verifySession(base, madeUp, '123456')).body).toMatchObject({ error: 'code_expired' });
  });

  it('accepts a code once, even when it is sent twice at the same moment', async () => {
    const base = srv().url;
    const once = await startSession(base, '+447701100021');
    expect((await verifySession(base, once.sessionId, once.code)).status).toBe(200);
    expect((await verifySession(base, once.sessionId, once.code)).status).toBe(400);

    const racing = await startSession(base, '+447701100022');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => verifySession(base, racing.sessionId, racing.code)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
    const session = answers.find((a) => a.status === 200)!.body;
    const devices = await call<DeviceList>(base, 'GET', '/v1/devices', { token: session.token });
    expect(devices.body.devices).toHaveLength(1);
  });

  it('limits the codes sent to one number per hour from all addresses together', async () => {
    // Behind a proxy, so that every request has an address of its own and only the total stands in the way.
    const proxied = await behindProxy();
    try {
      const base = proxied.url;
      const e164 = '+447701100031';
      const total = DEFAULT_LIMITS.startsPerNumberPerHour;
      const address = (i: number) => ({ 'x-forwarded-for': `192.0.2.${i + 1}` });
      for (let i = 0; i < total; i++) expect((await start(base, e164, address(i))).status).toBe(200);
      expectTooMany(await start(base, e164, address(total)), 'too_many_codes', 3600);
      clock.advance(45 * MINUTE);
      expectTooMany(await start(base, e164, address(total + 1)), 'too_many_codes', 900);
      // Other numbers are not affected.
      expect((await start(base, '+447701100032', address(total))).status).toBe(200);
      clock.advance(15 * MINUTE);
      const after = await startSession(base, e164, address(total));
      expect((await verifySession(base, after.sessionId, after.code)).status).toBe(200);
    } finally {
      await proxied.stop();
    }
  });

  it('limits the codes and the attempts from one address per hour', async () => {
    const limits = { ...LOOPBACK_LIMITS, startsPerIpPerHour: 3, attemptsPerIpPerHour: 4 };
    // A database of its own: the counts are in the database, and the other tests here come from this address too.
    let tight = await startServer(dialect, { limits }, { now: clock.now });
    try {
      const base = tight.url;
      const sessions = [];
      for (const n of ['+447701100041', '+447701100042', '+447701100043']) sessions.push(await startSession(base, n));
      const [first, second, third] = sessions as [(typeof sessions)[0], (typeof sessions)[0], (typeof sessions)[0]];
      expectTooMany(await start(base, '+447701100044'), 'too_many_codes', 3600);
      // Without trustProxy a forwarded-for header is not an address of its own.
      expectTooMany(await start(base, '+447701100044', { 'x-forwarded-for': '203.0.113.9' }), 'too_many_codes', 3600);

      for (let i = 0; i < 3; i++)
        expect((await verifySession(base, first.sessionId, wrong(first.code))).status).toBe(400);
      expect((await verifySession(base, second.sessionId, second.code)).status).toBe(200);
      expectTooMany(await verifySession(base, third.sessionId, third.code), 'too_many_attempts', 3600);

      // Another process on the database (here: a restart) counts the same hits.
      const { db } = tight;
      await tight.server.close();
      tight = await startServer(dialect, { limits }, { now: clock.now }, db);
      clock.advance(10 * MINUTE);
      expectTooMany(await start(tight.url, '+447701100044'), 'too_many_codes', 3000);
      expectTooMany(await verifySession(tight.url, third.sessionId, third.code), 'too_many_attempts', 3000);
      // Kept as hashes, never the address itself.
      const conn = tight.server.ctx.conn;
      const rows = await conn.db.selectFrom('address_windows').selectAll().execute();
      // One window per address, and one per number and per number and address for the three codes sent.
      const kinds = rows.map((r) => r.kind);
      expect(kinds.filter((k) => k === 'starts' || k === 'attempts').sort()).toEqual(['attempts', 'starts']);
      expect(kinds.filter((k) => k === 'number')).toHaveLength(3);
      expect(kinds.filter((k) => k === 'number-address')).toHaveLength(3);
      expect(JSON.stringify(rows)).not.toContain('127.0.0.1');
      expect(JSON.stringify(rows)).not.toContain('447701100041');

      clock.advance(50 * MINUTE);
      expect((await pruneExpired(conn, clock.now(), tight.server.ctx.config)).addresses).toBe(8);
      const late = await startSession(tight.url, '+447701100044');
      expect((await verifySession(tight.url, late.sessionId, late.code)).status).toBe(200);
    } finally {
      await tight.server.close();
      await tight.db.drop();
    }
  });

  it('counts simultaneous code requests for one number exactly, in total and per address', async () => {
    const proxied = await behindProxy();
    try {
      const { startsPerNumberPerHour: total, startsPerNumberPerIpPerHour: share } = DEFAULT_LIMITS;
      const many = Array.from({ length: total + 10 }, (_, i) => ({ 'x-forwarded-for': `192.0.2.${i + 1}` }));
      const answers = await Promise.all(many.map((address) => start(proxied.url, '+447701100901', address)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(total);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
      // Each start opened a session of its own: none replaced another, and every code signs in.
      const verified = await Promise.all(
        answers
          .filter((a) => a.status === 200)
          .map((a) => verifySession(proxied.url, a.body.sessionId, a.body.devCode!)),
      );
      expect(verified.map((v) => v.status)).toEqual(Array<number>(total).fill(200));

      const one = { 'x-forwarded-for': '192.0.2.200' };
      const fromOne = await Promise.all(Array.from({ length: 12 }, () => start(proxied.url, '+447701100902', one)));
      expect(fromOne.filter((a) => a.status === 200)).toHaveLength(share);
      expect(fromOne.filter((a) => a.status === 429)).toHaveLength(12 - share);
    } finally {
      await proxied.stop();
    }
  });

  it('counts simultaneous requests from one address exactly', async () => {
    const limits = { ...LOOPBACK_LIMITS, startsPerIpPerHour: 5 };
    const tight = await startServer(dialect, { limits }, { now: clock.now });
    try {
      const numbers = Array.from({ length: 12 }, (_, i) => `+4477011002${String(i).padStart(2, '0')}`);
      const answers = await Promise.all(numbers.map((n) => start(tight.url, n)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
    } finally {
      await tight.stop();
    }
  });

  it('answers 503 without a code sender and 502 when the sender fails', async () => {
    const none = await startServer(dialect, {}, { sender: null }, srv().db);
    const failing: CodeSender = {
      kind: 'webhook',
      send: async () => {
        throw new Error('gateway down');
      },
    };
    const broken = await startServer(dialect, {}, { sender: failing }, srv().db);
    try {
      expect((await start(none.url, '+447701100051')).body).toMatchObject({ error: 'no_sender' });
      expect((await start(none.url, '+447701100051')).status).toBe(503);
      const failed = await start(broken.url, '+447701100052');
      expect(failed).toMatchObject({ status: 502, body: { error: 'sender_failed' } });
      expect(failed.body.devCode).toBeUndefined();
    } finally {
      await none.stop();
      await broken.stop();
    }
  });

  it('sends the code only through the sender when not in dev mode', async () => {
    const sent: { e164: string; code: string }[] = [];
    const capture: CodeSender = { kind: 'webhook', send: async (e164, code) => void sent.push({ e164, code }) };
    const prod = await startServer(dialect, { dev: false }, { sender: capture }, srv().db);
    try {
      const started = await start(prod.url, '+447701100061');
      expect(started).toMatchObject({ status: 200, body: { expiresInSeconds: 300 } });
      expect(started.body.devCode).toBeUndefined();
      expect(sent).toEqual([{ e164: '+447701100061', code: expect.stringMatching(/^\d{6}$/) }]);
      expect((await verifySession(prod.url, started.body.sessionId, sent[0]!.code)).status).toBe(200);
    } finally {
      await prod.stop();
    }
  });

  it('keeps codes secret in dev mode when a real gateway sends them', async () => {
    const sent: string[] = [];
    const gateway: CodeSender = { kind: 'webhook', send: async (_e164, code) => void sent.push(code) };
    const both = await startServer(dialect, { dev: true }, { sender: gateway }, srv().db);
    try {
      const started = await start(both.url, '+447701100071');
      expect(started.status).toBe(200);
      expect(started.body.devCode).toBeUndefined();
      expect(sent).toHaveLength(1);
    } finally {
      await both.stop();
    }
  });

  it('lists the account’s devices and marks the one asking', async () => {
    const base = srv().url;
    const phone = await signIn(base, '+447701100071', { deviceName: 'phone' });
    const laptop = await signIn(base, '+447701100071', { deviceName: 'laptop' });
    await signIn(base, '+447701100072', { deviceName: 'someone else' });
    const seen = await laptop.call<DeviceList>('GET', '/v1/devices');
    expect(seen.body.devices).toEqual([
      { id: phone.deviceId, name: 'phone', createdAt: clock.t, lastSeenAt: clock.t, current: false },
      { id: laptop.deviceId, name: 'laptop', createdAt: clock.t, lastSeenAt: clock.t, current: true },
    ]);
    const fromPhone = await phone.call<DeviceList>('GET', '/v1/devices');
    expect(fromPhone.body.devices.map((d) => [d.id, d.current])).toEqual([
      [phone.deviceId, true],
      [laptop.deviceId, false],
    ]);
  });
});
