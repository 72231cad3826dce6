/** The OpenAPI 3.1 document, built from the route table's zod schemas. `npm run openapi` writes server/openapi.json. */
import { z } from 'zod';
import { ErrorBody } from '../../protocol/api.ts';
import { type AnySpec, MAX_URL_LENGTH, routeRegistry } from '../http/route.ts';
import '../routes/account.ts';
import '../routes/contacts.ts';
import '../routes/events.ts';
import '../routes/verification.ts';

type Json = Record<string, unknown>;

const schema = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const spec of [...routeRegistry].sort(
    (a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method),
  )) {
    paths[spec.url] = { ...paths[spec.url], [spec.method.toLowerCase()]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kith sync server',
      version: '1.0.0',
      description:
        'Verified accounts, batched contact upload with matching, and durable join notifications. Only E.164 numbers cross the wire.',
    },
    servers: [{ url: 'http://127.0.0.1:8787' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: schema(ErrorBody, 'output') },
    },
    paths,
  };
}

function operation(spec: AnySpec): Json {
  const parameters: Json[] = [];
  for (const [where, s] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!s) continue;
    const json = schema(s, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      parameters.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: prop,
      });
    }
  }
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const body = { 'application/json': { schema: schema(spec.response, 'output') } };
  const responses: Record<string, Json> = spec.websocket
    ? {
        '101': {
          description: 'Switching to the WebSocket; each message is one JSON object of this schema',
          content: body,
        },
      }
    : { '200': { description: 'OK', content: body } };
  responses['400'] = errorResponse(
    spec.body || spec.params || spec.query
      ? 'The request does not match the schema'
      : 'The request carries a body; this route takes none',
  );
  if (spec.params || spec.query) responses['414'] = errorResponse(`The URL is longer than ${MAX_URL_LENGTH} bytes`);
  if (spec.body) {
    responses['413'] = errorResponse('The body is larger than 64 KiB');
    responses['415'] = errorResponse('The body is not application/json');
  }
  if (spec.auth)
    responses['401'] = errorResponse('Missing or unknown bearer token, or its session ended after long disuse');
  for (const [status, why] of Object.entries(spec.errors ?? {})) responses[status] = errorResponse(why);
  return {
    summary: spec.summary,
    tags: [spec.tag],
    operationId: `${spec.method.toLowerCase()}${spec.url
      .replace(/^\/v1/, '')
      .replace(/[{}]/g, '')
      .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())
      .replace(/\W/g, '')}`,
    ...(spec.auth ? { security: [{ bearer: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schema(spec.body, 'input') } } } }
      : {}),
    responses,
  };
}
