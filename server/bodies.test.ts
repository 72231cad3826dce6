import { expect, it } from 'vitest';
import type { ErrorBody, NumberPage } from '../protocol/api.ts';
import { BODY_LIMIT } from './app.ts';
import { call } from './testing/client.ts';
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
        body: { e164: '+447700700013', code: '12345a' },
        status: 400,
        field: 'code',
      },
      { method: 'POST', path: '/v1/verification/verify', body: { e164: '+447700700013' }, status: 400, field: 'code' },
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
