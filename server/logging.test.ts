import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { newToken } from './auth/tokens.ts';
import { call, startServer, startSession, verifySession } from './testing/client.ts';
import { openStream } from './testing/stream.ts';
import { deviceAt, eachDialect, signIn, uploaded } from './testing/suite.ts';

/** Every string anywhere in a parsed log line. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

await eachDialect('the log', (dialect) => {
  it('carries requests at debug level but never a token, a code, an Authorization header or an uploaded number', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const srv = await startServer(dialect, { logLevel: 'debug' }, { logStream });
    try {
      const e164 = '+447701300001';
      const owner = await signIn(srv.url, '+447701300002');
      await uploaded(owner, 'log-batch-1', [e164]);
      const stream = await openStream(srv.url, owner.token);
      const { sessionId, code } = await startSession(srv.url, e164);
      expect((await verifySession(srv.url, sessionId, String((Number(code) + 1) % 1e6).padStart(6, '0'))).status).toBe(
        400,
      );
      const answer = await verifySession(srv.url, sessionId, code, { deviceName: 'phone' });
      expect(answer.status).toBe(200);
      const me = deviceAt(srv.url, answer.body);
      await stream.until(() => stream.events().length === 1);
      stream.close();

      expect((await me.call('GET', '/v1/account')).status).toBe(200);
      expect((await me.call('PUT', '/v1/contacts/batches/log-batch-2', { add: ['not a number'] })).status).toBe(400);
      expect((await me.call('GET', '/v1/events?after=0')).status).toBe(200);
      expect((await owner.call('GET', `/v1/contacts?after=${encodeURIComponent('+447701300099')}`)).status).toBe(200);
      const stranger = newToken();
      expect((await call(srv.url, 'GET', '/v1/account', { token: stranger })).status).toBe(401);
      expect((await me.call('POST', '/v1/logout')).status).toBe(200);
      await srv.server.app.close();

      const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      // The log is there and at debug level: each request and the join's fan-out are in it.
      expect(records.filter((r) => r.msg === 'incoming request').length).toBeGreaterThanOrEqual(10);
      expect(records.some((r) => r.msg === 'join events written' && r.fannedOut === 1)).toBe(true);
      const text = lines.join('\n');
      for (const secret of [answer.body.token, owner.token, stranger, `Bearer ${answer.body.token}`]) {
        expect(text).not.toContain(secret);
      }
      expect(text.toLowerCase()).not.toContain('bearer');
      // Nor an uploaded number, even one a query string carried.
      expect(text).not.toContain('447701300099');
      expect(text).not.toContain(e164.slice(1));
      // A code is six digits, which may well occur inside timestamps: look for it in the log's strings only.
      const texts = records.flatMap(strings);
      expect(texts.filter((s) => s.includes(code))).toEqual([]);
    } finally {
      await srv.stop();
    }
  });
});
