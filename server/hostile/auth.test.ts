/**
 * Every route that needs a token, called without one, with garbage, and with tokens that were valid once: each
 * answers 401 in the error shape and does nothing. The routes come from the route table.
 */
import { expect, it } from 'vitest';
import { ErrorBody } from '../../protocol/api.ts';
import { eachDialect } from '../testing/suite.ts';
import { hostileServer, type Hostile } from './harness.ts';
import { everyRoute, label, sampleRequest, urlOf } from './requests.ts';
import { newToken } from '../auth/tokens.ts';

const guarded = everyRoute().filter((spec) => spec.auth);

/** The Authorization headers a caller without a valid session might send. */
async function deadCredentials(h: Hostile): Promise<Record<string, string | undefined>> {
  const signedOut = await h.signIn('+447702100001');
  expect((await h.send({ method: 'POST', url: '/v1/logout', authorization: h.bearer(signedOut) })).status).toBe(200);
  const removed = await h.signIn('+447702100002');
  const other = await h.signIn('+447702100002');
  const gone = await h.send({
    method: 'DELETE',
    url: `/v1/devices/${removed.deviceId}`,
    authorization: h.bearer(other),
  });
  expect(gone.status).toBe(200);
  const deleted = await h.signIn('+447702100003');
  expect((await h.send({ method: 'DELETE', url: '/v1/account', authorization: h.bearer(deleted) })).status).toBe(200);
  return {
    none: undefined,
    'an unknown token': `Bearer ${newToken()}`,
    'a token in another scheme': `Basic ${Buffer.from(`x:${signedOut.token}`).toString('base64')}`,
    'an injection': 'Bearer 0)or(1',
    'a bare scheme': 'Bearer',
    'a long token': `Bearer ${'A'.repeat(4000)}`,
    'a token with more after it': `Bearer ${other.token} ${other.token}`,
    'a signed-out token': h.bearer(signedOut),
    'a removed device': h.bearer(removed),
    'a deleted account': h.bearer(deleted),
  };
}

await eachDialect('hostile callers: tokens', (dialect) => {
  const h = hostileServer(dialect);

  it('finds the routes that need a token in the route table, and only verification without one', () => {
    expect(guarded.length).toBeGreaterThanOrEqual(12);
    const open = everyRoute().filter((spec) => !spec.auth);
    for (const spec of open) expect(spec.url, label(spec)).toMatch(/^\/v1\/verification\//);
  });

  it('answers 401 on every guarded route to every credential that is not a live session', async () => {
    const credentials = await deadCredentials(h);
    for (const spec of guarded) {
      const sample = sampleRequest(spec);
      for (const [what, authorization] of Object.entries(credentials)) {
        const where = `${label(spec)} with ${what}`;
        if (spec.websocket) {
          expect(await h.stream(authorization), where).toEqual({ status: 401 });
          continue;
        }
        const answer = await h.send({
          method: spec.method,
          url: urlOf(spec, sample),
          authorization,
          body: sample.body,
        });
        expect(answer.status, where).toBe(401);
        expect(ErrorBody.strict().parse(answer.json), where).toMatchObject({ error: 'unauthorized' });
      }
    }
  });

  it('leaves no token, code or secret in any answer or log line', () => {
    expect(h.leaks()).toEqual([]);
  });
});
