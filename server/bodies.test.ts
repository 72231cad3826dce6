import { expect, it } from 'vitest';
import type { DeviceList, ErrorBody, NumberPage } from '../protocol/api.ts';
import { BODY_LIMIT } from './app.ts';
import { routeRegistry, type AnySpec } from './http/route.ts';
import { call, startSession, verifySession } from './testing/client.ts';
import { rawRequest } from './testing/raw-http.ts';
import { openStream } from './testing/stream.ts';
import { eachDialect, phones, serverFor, signIn, type User } from './testing/suite.ts';

interface Case {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  status: number;
  error?: string;
  field?: string;
  index?: number;
}

async function expectAnswer(base: string, user: User | null, c: Case): Promise<void> {
  const { status, error, field, index, ...request } = c;
  const answer = await call<ErrorBody>(base, c.method, c.path, { ...request, ...(user ? { token: user.token } : {}) });
  const expected: Partial<ErrorBody> & { status: number } = { status };
  if (error !== undefined) expected.error = error;
  if (field !== undefined) expected.field = field;
  if (index !== undefined) expected.index = index;
  expect({ request: c, status: answer.status, ...answer.body }).toMatchObject({ request: c, ...expected });
}

const batch = '/v1/contacts/batches/body-batch-1';

await eachDialect('malformed and oversized requests', (dialect) => {
  const srv = serverFor(dialect);

  it('refuses bodies that are not JSON', async () => {
    const me = await signIn(srv().url, '+447700700001');
    for (const [method, path] of [
      ['PUT', batch],
      ['POST', '/v1/contacts/check'],
      ['POST', '/v1/events/ack'],
      ['PUT', '/v1/account/discoverable'],
    ] as const) {
      for (const rawBody of ['{"add": [', "{'add': []}", 'add=+447700700002', '']) {
        await expectAnswer(srv().url, me, { method, path, rawBody, status: 400, error: 'invalid_request' });
      }
    }
    await expectAnswer(srv().url, null, {
      method: 'POST',
      path: '/v1/verification/start',
      rawBody: '{"e164":',
      status: 400,
      error: 'invalid_request',
    });
  });

  it('names the field of a wrong shape or an unknown field', async () => {
    const me = await signIn(srv().url, '+447700700011');
    const cases: Case[] = [
      { method: 'PUT', path: batch, body: { add: '+447700700012' }, status: 400, field: 'add' },
      { method: 'PUT', path: batch, body: { add: [447700700012] }, status: 400, field: 'add.0' },
      { method: 'PUT', path: batch, body: { remove: {} }, status: 400, field: 'remove' },
      { method: 'PUT', path: batch, body: { add: [], numbers: [] }, status: 400, field: 'numbers' },
      { method: 'PUT', path: batch, body: [], status: 400, field: 'body' },
      { method: 'PUT', path: batch, body: null, status: 400, field: 'body' },
      { method: 'PUT', path: batch, body: '+447700700012', status: 400, field: 'body' },
      { method: 'POST', path: '/v1/contacts/check', body: { setHash: 'abc' }, status: 400, field: 'setHash' },
      { method: 'POST', path: '/v1/contacts/check', body: {}, status: 400, field: 'setHash' },
      { method: 'POST', path: '/v1/events/ack', body: { upTo: -1 }, status: 400, field: 'upTo' },
      { method: 'POST', path: '/v1/events/ack', body: { upTo: '5' }, status: 400, field: 'upTo' },
      {
        method: 'PUT',
        path: '/v1/account/discoverable',
        body: { discoverable: 'no' },
        status: 400,
        field: 'discoverable',
      },
      {
        method: 'PUT',
        path: '/v1/account/discoverable',
        body: { discoverable: false, hidden: true },
        status: 400,
        field: 'hidden',
      },
      { method: 'GET', path: '/v1/events?limit=0', status: 400, field: 'limit' },
      { method: 'GET', path: '/v1/events?after=-3', status: 400, field: 'after' },
      { method: 'GET', path: '/v1/events?cursor=3', status: 400, field: 'cursor' },
      { method: 'GET', path: '/v1/contacts?after=07700700012', status: 400, field: 'after' },
      { method: 'GET', path: '/v1/contacts?limit=5001', status: 400, field: 'limit' },
      { method: 'DELETE', path: '/v1/devices/first', status: 400, field: 'id' },
    ];
    for (const c of cases) await expectAnswer(srv().url, me, { error: 'invalid_request', ...c });

    const unauthenticated: Case[] = [
      { method: 'POST', path: '/v1/verification/start', body: { e164: '07700700013' }, status: 400, field: 'e164' },
      {
        method: 'POST',
        path: '/v1/verification/start',
        body: { e164: '+447700700013', sms: true },
        status: 400,
        field: 'sms',
      },
      {
        method: 'POST',
        path: '/v1/verification/verify',
        body: { sessionId: 'A'.repeat(43), code: '12345a' },
        status: 400,
        field: 'code',
      },
      {
        method: 'POST',
        path: '/v1/verification/verify',
        body: { sessionId: 'A'.repeat(43) },
        status: 400,
        field: 'code',
      },
      {
        method: 'POST',
        path: '/v1/verification/verify',
        body: { sessionId: 'A', code: '123456' },
        status: 400,
        field: 'sessionId',
      },
    ];
    for (const c of unauthenticated) await expectAnswer(srv().url, null, { error: 'invalid_request', ...c });
    // Nothing of it was applied.
    expect((await me.call<NumberPage>('GET', '/v1/contacts')).body.numbers).toEqual([]);
  });

  it('names the index and list of the first number that is not E.164', async () => {
    const me = await signIn(srv().url, '+447700700021');
    const good = phones('+447700700100', 3);
    for (const [add, remove, field, index] of [
      [[...good, '07700700104'], [], 'add', 3],
      [['+447700700104', '+0447700700105'], [], 'add', 1],
      [['+4477007001051234567'], [], 'add', 0],
      [[' +447700700104'], [], 'add', 0],
      [good, ['+447700700106', '+44 7700 700107'], 'remove', 1],
      [good, [good[2]], 'remove', 0],
    ] as const) {
      await expectAnswer(srv().url, me, {
        method: 'PUT',
        path: batch,
        body: { add, remove },
        status: 400,
        field,
        index,
      });
    }
    expect((await me.call<NumberPage>('GET', '/v1/contacts')).body.numbers).toEqual([]);
  });

  it('takes 1000 numbers in a batch and refuses 1001 with 413', async () => {
    const me = await signIn(srv().url, '+447700700031');
    const many = phones('+447700710000', 1001);
    for (const [add, remove] of [
      [many, []],
      [many.slice(0, 600), many.slice(600)],
    ]) {
      await expectAnswer(srv().url, me, {
        method: 'PUT',
        path: batch,
        body: { add, remove },
        status: 413,
        error: 'batch_too_large',
      });
    }
    const full = await me.call('PUT', batch, { add: many.slice(0, 1000) });
    expect(full).toMatchObject({ status: 200, body: { added: 1000, count: 1000 } });
  });

  it('refuses a body over 64 KiB with 413, before reading it as JSON', async () => {
    const me = await signIn(srv().url, '+447700700041');
    const big = JSON.stringify({ add: ['+447700700042'], pad: 'x'.repeat(BODY_LIMIT) });
    expect(big.length).toBeGreaterThan(64 * 1024);
    await expectAnswer(srv().url, me, {
      method: 'PUT',
      path: batch,
      rawBody: big,
      status: 413,
      error: 'body_too_large',
    });
    await expectAnswer(srv().url, null, {
      method: 'POST',
      path: '/v1/verification/start',
      rawBody: `{"e164":"+447700700043","x":"${'y'.repeat(70_000)}"}`,
      status: 413,
      error: 'body_too_large',
    });
    expect((await me.call<NumberPage>('GET', '/v1/contacts')).body.numbers).toEqual([]);
  });

  it('refuses a bad batch id with 400', async () => {
    const me = await signIn(srv().url, '+447700700051');
    for (const id of [
      'short',
      'a'.repeat(65),
      'has%20space1',
      'dollar$sign1',
      'dots.in.the.id',
      '%C3%A9t%C3%A9-batch',
    ]) {
      await expectAnswer(srv().url, me, {
        method: 'PUT',
        path: `/v1/contacts/batches/${id}`,
        body: { add: ['+447700700052'] },
        status: 400,
        error: 'invalid_request',
        field: 'batchId',
      });
    }
    const ok = await me.call('PUT', `/v1/contacts/batches/${'a'.repeat(64)}`, { add: ['+447700700052'] });
    expect(ok.status).toBe(200);
  });

  it('refuses a body of another media type with 415', async () => {
    const me = await signIn(srv().url, '+447700700061');
    const answer = await call<ErrorBody>(srv().url, 'PUT', batch, {
      token: me.token,
      headers: { 'content-type': 'application/xml' },
      rawBody: '<add>+447700700062</add>',
    });
    expect(answer).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    expect((await me.call<NumberPage>('GET', '/v1/contacts')).body.numbers).toEqual([]);
  });
});

/** What clients put on a request that has no body: axios sends a form type, some send JSON, text or nothing. */
const EMPTY_BODY_TYPES = [
  undefined,
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain;charset=UTF-8',
  'multipart/form-data; boundary=kith',
  'application/x-kith-unknown',
  'not a media type',
];

await eachDialect('routes without a body', (dialect) => {
  const srv = serverFor(dialect);
  const bodyless = routeRegistry.filter((r) => !r.body && !r.websocket);
  let next = 0;
  const fresh = () => signIn(srv().url, `+4477007${String(next++).padStart(5, '0')}`);
  const pathFor = (spec: AnySpec, user: User) => spec.url.replace('{id}', String(user.deviceId));
  /** Written on a socket: fetch sends no body and no length with GET. */
  const send = (spec: AnySpec, user: User, type: string | undefined, body: string | undefined) =>
    rawRequest(
      srv().url,
      [
        `${spec.method} ${pathFor(spec, user)} HTTP/1.1`,
        `Authorization: Bearer ${user.token}`,
        ...(type === undefined ? [] : [`Content-Type: ${type}`]),
        ...(body === undefined ? [] : [`Content-Length: ${Buffer.byteLength(body)}`]),
      ].join('\r\n'),
      body,
    );

  it('answers as usual an empty request, whatever content type it declares', async () => {
    expect(bodyless.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /v1/logout', 'DELETE /v1/devices/{id}', 'DELETE /v1/contacts', 'GET /v1/account']),
    );
    for (const spec of bodyless) {
      for (const type of EMPTY_BODY_TYPES) {
        for (const body of [undefined, '']) {
          // Signing out or deleting spends the user, so every request gets its own.
          const user = await fresh();
          const answer = await send(spec, user, type, body);
          const route = `${spec.method} ${spec.url}`;
          expect({ route, type, body, status: answer.status }).toEqual({ route, type, body, status: 200 });
        }
      }
    }
  });

  it('signs out a request sent as a form with no body, and one with an empty chunked body', async () => {
    const viaForm = await fresh();
    const answer = await call(srv().url, 'POST', '/v1/logout', {
      token: viaForm.token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: '',
    });
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect((await viaForm.call('GET', '/v1/account')).status).toBe(401);

    const viaChunks = await fresh();
    const chunked = await rawRequest(
      srv().url,
      `POST /v1/logout HTTP/1.1\r\nAuthorization: Bearer ${viaChunks.token}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked`,
      '0\r\n\r\n',
    );
    expect({ status: chunked.status, body: JSON.parse(chunked.text) }).toEqual({ status: 200, body: { ok: true } });
    expect((await viaChunks.call('GET', '/v1/account')).status).toBe(401);
  });

  it('refuses a body sent to a route that takes none, and does nothing', async () => {
    const user = await fresh();
    for (const [type, rawBody] of [
      ['application/json', '{}'],
      ['application/json', 'null'],
      ['application/x-www-form-urlencoded', 'all=1'],
      ['text/plain', ' '],
      ['application/x-kith-unknown', 'x'],
    ] as const) {
      for (const spec of bodyless) {
        const answer = await send(spec, user, type, rawBody);
        const body = JSON.parse(answer.text) as ErrorBody;
        expect({ route: `${spec.method} ${spec.url}`, type, status: answer.status, ...body }).toMatchObject({
          route: `${spec.method} ${spec.url}`,
          type,
          status: 400,
          error: 'invalid_request',
          field: 'body',
        });
      }
    }
    const chunked = await rawRequest(
      srv().url,
      `POST /v1/logout HTTP/1.1\r\nAuthorization: Bearer ${user.token}\r\nTransfer-Encoding: chunked`,
      '2\r\n{}\r\n0\r\n\r\n',
    );
    expect({ status: chunked.status, ...JSON.parse(chunked.text) }).toMatchObject({ status: 400, field: 'body' });
    // Still signed in, still one device.
    expect((await user.call<DeviceList>('GET', '/v1/devices')).body.devices).toHaveLength(1);
  });
});

/** Every Unicode control character class a text field can carry, and a UTF-16 half that is no character at all. */
const CONTROLS: Record<string, string> = {
  NUL: '\u0000',
  SOH: '\u0001',
  TAB: '\t',
  LF: '\n',
  CR: '\r',
  US: '\u001f',
  DEL: '\u007f',
  NEL: '\u0085',
  'lone surrogate': '\ud800',
};

await eachDialect('control characters', (dialect) => {
  const srv = serverFor(dialect);

  it('refuses a control character in any text field with 400 naming the field, and stores nothing', async () => {
    const e164 = '+447700708001';
    const { sessionId, code } = await startSession(srv().url, e164);
    for (const [name, char] of Object.entries(CONTROLS)) {
      const answer = await verifySession(srv().url, sessionId, code, { deviceName: `Lap${char}top` });
      expect({ name, status: answer.status, ...answer.body }).toMatchObject({
        name,
        status: 400,
        error: 'invalid_request',
        field: 'deviceName',
      });
    }
    // The code was never compared, and the name that finally signs in is the clean one.
    const user = await signIn(srv().url, e164, { deviceName: 'Laptop' });
    const devices = await user.call<DeviceList>('GET', '/v1/devices');
    expect(devices.body.devices.map((d) => d.name)).toEqual(['Laptop']);

    const good = phones('+447700708100', 4);
    for (const [name, char] of Object.entries(CONTROLS)) {
      for (const [body, field] of [
        [{ add: [...good.slice(0, 3), `${good[3]}${char}`] }, 'add.3'],
        [{ add: good.slice(0, 1), remove: [`${char}${good[1]}`] }, 'remove.0'],
      ] as const) {
        const answer = await user.call<ErrorBody>('PUT', batch, body);
        expect({ name, status: answer.status, ...answer.body }).toMatchObject({
          name,
          status: 400,
          error: 'invalid_request',
          field,
        });
      }
      // A UTF-16 half cannot be written in a URL at all.
      if (name === 'lone surrogate') continue;
      const query = await user.call<ErrorBody>('GET', `/v1/contacts?after=${encodeURIComponent(`+4477${char}`)}`);
      expect({ name, status: query.status, ...query.body }).toMatchObject({ name, status: 400, field: 'after' });
    }
    expect((await user.call<NumberPage>('GET', '/v1/contacts')).body.numbers).toEqual([]);
  });
});

await eachDialect('integers in queries and paths', (dialect) => {
  const srv = serverFor(dialect);
  const NOT_PLAIN = ['0x10', '1e3', '%2010', '10%20', '010', '00', '%2B10', '-0', '1.0', '10.5', '', '1_000', '９'];

  it('takes only plain decimal digits', async () => {
    const me = await signIn(srv().url, '+447700709001');
    for (const value of NOT_PLAIN) {
      for (const [method, path, field] of [
        ['GET', `/v1/events?limit=${value}`, 'limit'],
        ['GET', `/v1/events?after=${value}`, 'after'],
        ['GET', `/v1/contacts?limit=${value}`, 'limit'],
        ['DELETE', `/v1/devices/${value}`, 'id'],
      ] as const) {
        // An empty path segment is another route; the others must be refused by the parameter's check.
        if (value === '' && method === 'DELETE') continue;
        await expectAnswer(srv().url, me, { method, path, status: 400, error: 'invalid_request', field });
      }
      const stream = await openStream(srv().url, me.token, `?after=${value}`);
      expect({ value, close: (await stream.closed).code }).toEqual({ value, close: 1008 });
    }
    // Plain digits still work, up to the largest safe integer and no further.
    expect((await me.call('GET', '/v1/events?limit=10&after=0')).status).toBe(200);
    expect((await me.call('GET', '/v1/contacts?limit=5000')).status).toBe(200);
    expect((await me.call('GET', `/v1/events?after=${Number.MAX_SAFE_INTEGER}`)).status).toBe(200);
    await expectAnswer(srv().url, me, { method: 'GET', path: '/v1/events?after=9007199254740992', status: 400 });
    expect((await me.call('DELETE', '/v1/devices/999999')).status).toBe(404);
    const stream = await openStream(srv().url, me.token, '?after=7');
    await stream.until(() => stream.messages.length > 0);
    expect(stream.messages[0]).toEqual({ type: 'ready', cursor: 7 });
    stream.close();
  });
});
