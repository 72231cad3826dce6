import { expect, it } from 'vitest';
import { ErrorBody } from '../protocol/api.ts';
import { MAX_URL_LENGTH } from './http/route.ts';
import { rawRequest, type RawAnswer } from './testing/raw-http.ts';
import { eachDialect, serverFor, signIn } from './testing/suite.ts';

/** Written into paths, queries and bodies: no answer may repeat it. */
const MARK = 'Kith447700900123Mark';

interface Edge {
  name: string;
  head: string;
  body?: string;
  status: number;
  error: string;
}

/** The answer is Kith's error shape, as JSON, and repeats nothing the request carried. */
function expectKithError(edge: Edge, answer: RawAnswer): void {
  const body = JSON.parse(answer.text) as Record<string, unknown>;
  expect({ edge: edge.name, status: answer.status, error: body.error }).toEqual({
    edge: edge.name,
    status: edge.status,
    error: edge.error,
  });
  expect(ErrorBody.strict().safeParse(body).success, `${edge.name}: ${answer.text}`).toBe(true);
  expect(answer.headers['content-type'], edge.name).toMatch(/^application\/json/);
  expect(answer.text, edge.name).not.toContain(MARK);
  expect(answer.text, edge.name).not.toContain('/v1');
}

await eachDialect('answers the server gives before any route', (dialect) => {
  const srv = serverFor(dialect);

  it('answers malformed and oversized requests in its own error shape, without repeating them', async () => {
    const me = await signIn(srv().url, '+447700800001');
    const auth = `Authorization: Bearer ${me.token}`;
    const edges: Edge[] = [
      {
        name: 'headers over the limit',
        head: `GET /v1/account?q=${MARK} HTTP/1.1\r\n${auth}\r\nX-Pad: ${MARK}${'p'.repeat(20_000)}`,
        status: 431,
        error: 'headers_too_large',
      },
      {
        name: 'a request line over the header limit',
        head: `GET /v1/${MARK}${'a'.repeat(20_000)} HTTP/1.1`,
        status: 431,
        error: 'headers_too_large',
      },
      {
        name: 'a URL over the URL limit',
        head: `GET /v1/events?${MARK}=${'a'.repeat(MAX_URL_LENGTH)} HTTP/1.1\r\n${auth}`,
        status: 414,
        error: 'uri_too_long',
      },
      {
        name: 'a path parameter over its limit',
        head: `PUT /v1/contacts/batches/${MARK}${'b'.repeat(200)} HTTP/1.1\r\n${auth}\r\nContent-Type: application/json\r\nContent-Length: 2`,
        body: '{}',
        status: 414,
        error: 'uri_too_long',
      },
      {
        name: 'a path that is not valid percent-encoding',
        head: `GET /v1/${MARK}%zz HTTP/1.1`,
        status: 400,
        error: 'invalid_request',
      },
      {
        name: 'a path that decodes to invalid UTF-8',
        head: `GET /v1/contacts/batches/${MARK}%E0%A4%A HTTP/1.1\r\n${auth}`,
        status: 400,
        error: 'invalid_request',
      },
      { name: 'an unknown method', head: `FOO /v1/${MARK} HTTP/1.1`, status: 400, error: 'invalid_request' },
      { name: 'not HTTP at all', head: `${MARK} /v1/`, status: 400, error: 'invalid_request' },
      {
        name: 'a content-length that is not a number',
        head: `POST /v1/verification/start?${MARK} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${MARK}`,
        body: '{}',
        status: 400,
        error: 'invalid_request',
      },
      {
        name: 'two content-lengths',
        head: `POST /v1/verification/start HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3`,
        body: '{} ',
        status: 400,
        error: 'invalid_request',
      },
      {
        name: 'no such route',
        head: `GET /v1/${MARK}/x?after=${MARK} HTTP/1.1`,
        status: 404,
        error: 'not_found',
      },
      {
        name: 'a method the route does not have',
        head: `PATCH /v1/account HTTP/1.1\r\n${auth}`,
        status: 404,
        error: 'not_found',
      },
      {
        name: 'a body that is not JSON',
        head: `POST /v1/verification/start?x=${MARK} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${`{"e164":"${MARK}`.length}`,
        body: `{"e164":"${MARK}`,
        status: 400,
        error: 'invalid_request',
      },
      {
        name: 'an empty JSON body',
        head: `POST /v1/verification/start HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 0`,
        status: 400,
        error: 'invalid_request',
      },
      {
        name: 'a body of an unsupported type',
        head: `POST /v1/verification/start HTTP/1.1\r\nContent-Type: application/x-${MARK}\r\nContent-Length: 2`,
        body: '{}',
        status: 415,
        error: 'unsupported_media_type',
      },
      {
        name: 'a body with a malformed type',
        head: `POST /v1/verification/start HTTP/1.1\r\nContent-Type: ${MARK}\r\nContent-Length: 2`,
        body: '{}',
        status: 415,
        error: 'unsupported_media_type',
      },
      {
        name: 'a prototype key in JSON',
        head: `POST /v1/verification/start HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 26`,
        body: '{"__proto__":{"x":"Kith"}}',
        status: 400,
        error: 'invalid_request',
      },
    ];
    for (const edge of edges) expectKithError(edge, await rawRequest(srv().url, edge.head, edge.body));
    // The server still answers normally afterwards.
    expect((await me.call('GET', '/v1/account')).status).toBe(200);
  });

  it('allows URLs up to the limit', async () => {
    const me = await signIn(srv().url, '+447700800011');
    const path = '/v1/events?limit=5&after=0';
    const padded = `${path}${'&after=0'.repeat(Math.floor((MAX_URL_LENGTH - path.length) / 8))}`;
    expect(padded.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    expect(padded.length).toBeGreaterThan(MAX_URL_LENGTH - 8);
    // Repeating `after` is refused by the query's check (400), not by the length (414).
    const answer = await rawRequest(srv().url, `GET ${padded} HTTP/1.1\r\nAuthorization: Bearer ${me.token}`);
    expect({ status: answer.status, field: (JSON.parse(answer.text) as ErrorBody).field }).toEqual({
      status: 400,
      field: 'after',
    });
  });
});
