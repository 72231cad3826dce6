import { expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Account, DeviceList, ErrorBody } from '../protocol/api.ts';
import { newToken } from './auth/tokens.ts';
import { routeRegistry, type AnySpec } from './http/route.ts';
import { call } from './testing/client.ts';
import { openStream, refusedUpgrade } from './testing/stream.ts';
import { eachDialect, serverFor, signIn } from './testing/suite.ts';
// Defining the routes fills the registry; the server below mounts the same definitions.
import './app.ts';

/** Path parameters that pass validation, so that a 401 can only come from the missing or bad token. */
const PARAMS: Record<string, string> = { batchId: 'auth-batch-01', id: '1' };

function pathOf(spec: AnySpec): string {
  return spec.url.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in PARAMS)) throw new Error(`no test value for path parameter ${name} of ${spec.url}`);
    return PARAMS[name]!;
  });
}

const guarded = routeRegistry.filter((r) => r.auth);
const BAD_HEADERS = [
  'Bearer',
  'Bearer ',
  'Bearer short',
  `Basic ${Buffer.from('user:password').toString('base64')}`,
  `Bearer ${newToken()} extra`,
  `Bearer ${newToken().slice(0, 20)}!!!!`,
  `Token ${newToken()}`,
];

await eachDialect('authentication', (dialect) => {
  const srv = serverFor(dialect);

  it('covers the routes that need a token', () => {
    const names = guarded.map((r) => `${r.method} ${r.url}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /v1/account',
        'DELETE /v1/account',
        'PUT /v1/contacts/batches/{batchId}',
        'GET /v1/events',
        'GET /v1/events/stream',
        'POST /v1/logout',
      ]),
    );
    expect(guarded.length).toBeGreaterThanOrEqual(14);
    expect(routeRegistry.filter((r) => !r.auth).map((r) => r.url)).toEqual([
      '/v1/verification/start',
      '/v1/verification/verify',
    ]);
  });

  for (const spec of guarded) {
    it(`answers ${spec.method} ${spec.url} with 401 without a valid token`, async () => {
      const path = pathOf(spec);
      const attempts = [
        undefined,
        ...BAD_HEADERS,
        `Bearer ${newToken()}`, // well formed, but no session has it
      ];
      for (const authorization of attempts) {
        const answer = await call<ErrorBody>(srv().url, spec.method, path, {
          headers: authorization === undefined ? {} : { authorization },
        });
        expect({ authorization, status: answer.status, error: answer.body.error }).toEqual({
          authorization,
          status: 401,
          error: 'unauthorized',
        });
      }
      // The same request with a real token gets past authentication (to its handler or its validation).
      const user = await signIn(srv().url, `+4477006${String(guarded.indexOf(spec)).padStart(5, '0')}`);
      const real = await call(srv().url, spec.method, path, { token: user.token });
      expect(real.status).not.toBe(401);
    });
  }

  it('refuses a WebSocket upgrade without a valid token', async () => {
    for (const authorization of [undefined, ...BAD_HEADERS, `Bearer ${newToken()}`]) {
      expect(await refusedUpgrade(srv().url, authorization === undefined ? {} : { authorization })).toBe(401);
    }
    const user = await signIn(srv().url, '+447700600901');
    const stream = await openStream(srv().url, user.token);
    await stream.until(() => stream.messages.length > 0);
    expect(stream.messages[0]).toEqual({ type: 'ready', cursor: 0 });
    stream.close();
  });

  it('takes the Bearer scheme in any case and after one or more spaces, but the token exactly', async () => {
    const user = await signIn(srv().url, '+447700600931');
    const swapped = [...user.token].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    expect(swapped).not.toBe(user.token);
    for (const authorization of [
      `bearer ${user.token}`,
      `BEARER ${user.token}`,
      `bEaReR ${user.token}`,
      `Bearer  ${user.token}`,
      `bearer    ${user.token}`,
    ]) {
      const answer = await call(srv().url, 'GET', '/v1/account', { headers: { authorization } });
      expect({ authorization, status: answer.status }).toEqual({ authorization, status: 200 });
    }
    for (const authorization of [
      `Bearer ${swapped}`,
      `Bearer\t${user.token}`,
      `Bearer${user.token}`,
      `Bearers ${user.token}`,
      `Bear ${user.token}`,
      `Bearer ${user.token} ${user.token}`,
    ]) {
      const answer = await call(srv().url, 'GET', '/v1/account', { headers: { authorization } });
      expect({ authorization, status: answer.status }).toEqual({ authorization, status: 401 });
    }
    expect(await refusedUpgrade(srv().url, { authorization: `Bearer ${swapped}` })).toBe(401);
    const lower = new WebSocket(`${srv().url.replace(/^http/, 'ws')}/v1/events/stream`, {
      headers: { authorization: `bearer  ${user.token}` },
    });
    const first = await new Promise<unknown>((resolve, reject) => {
      lower.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8'))));
      lower.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    });
    lower.close();
    expect(first).toEqual({ type: 'ready', cursor: 0 });
  });

  it('stops honouring a token after logout, for HTTP and for the stream', async () => {
    const phone = await signIn(srv().url, '+447700600911');
    const laptop = await signIn(srv().url, '+447700600911');
    const stream = await openStream(srv().url, phone.token);
    expect((await phone.call('POST', '/v1/logout')).status).toBe(200);
    expect((await phone.call<ErrorBody>('GET', '/v1/account')).body).toMatchObject({ error: 'unauthorized' });
    expect((await phone.call('GET', '/v1/account')).status).toBe(401);
    expect((await phone.call('POST', '/v1/logout')).status).toBe(401);
    expect(await refusedUpgrade(srv().url, { authorization: `Bearer ${phone.token}` })).toBe(401);
    // A stream opened with the token before is closed with it.
    expect((await stream.closed).code).toBe(4401);
    // The account's other device is untouched.
    expect((await laptop.call<Account>('GET', '/v1/account')).body.userId).toBe(phone.userId);
  });

  it('stops honouring the token of a device signed out from another device', async () => {
    const phone = await signIn(srv().url, '+447700600921', { deviceName: 'phone' });
    const lost = await signIn(srv().url, '+447700600921', { deviceName: 'lost tablet' });
    const stranger = await signIn(srv().url, '+447700600922');
    const stream = await openStream(srv().url, lost.token);

    // Nobody can sign out a device of another account, or one that does not exist.
    expect((await stranger.call('DELETE', `/v1/devices/${lost.deviceId}`)).status).toBe(404);
    expect((await phone.call('DELETE', `/v1/devices/${stranger.deviceId}`)).status).toBe(404);
    expect((await phone.call('DELETE', '/v1/devices/999999')).status).toBe(404);
    expect((await lost.call('GET', '/v1/account')).status).toBe(200);

    expect((await phone.call('DELETE', `/v1/devices/${lost.deviceId}`)).body).toEqual({ ok: true });
    expect((await lost.call('GET', '/v1/account')).status).toBe(401);
    expect((await stream.closed).code).toBe(4401);
    expect((await phone.call('DELETE', `/v1/devices/${lost.deviceId}`)).status).toBe(404);
    const devices = await phone.call<DeviceList>('GET', '/v1/devices');
    expect(devices.body.devices).toEqual([expect.objectContaining({ id: phone.deviceId, current: true })]);
    expect((await stranger.call('GET', '/v1/account')).status).toBe(200);
  });
});
