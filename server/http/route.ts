/**
 * One table of routes: each entry's zod schemas validate the request at the boundary, and the same entries
 * produce the OpenAPI document, so the two cannot drift apart.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpError } from './errors.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Path and query together; no route needs a tenth of it. */
export const MAX_URL_LENGTH = 4096;

export interface RouteSpec<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  auth: boolean;
  body?: B;
  params?: P;
  query?: Q;
  response: R;
  /** A WebSocket endpoint: `response` describes the messages it sends after the upgrade. */
  websocket?: boolean;
  /** Status codes besides 200 that this route can answer, with why. */
  errors?: Record<number, string>;
}

export interface RouteInput<B, P, Q> {
  body: B;
  params: P;
  query: Q;
  request: FastifyRequest;
  reply: FastifyReply;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of heterogeneous specs
export type AnySpec = RouteSpec<any, any, any, any>;

/** Every route registered so far, for the OpenAPI builder. */
export const routeRegistry: AnySpec[] = [];

export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<B, P, Q, R>): RouteSpec<B, P, Q, R> {
  if (!routeRegistry.some((r) => r.method === spec.method && r.url === spec.url)) routeRegistry.push(spec);
  return spec;
}

export function mount<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<B, P, Q, R>,
  handler: (input: RouteInput<z.output<B>, z.output<P>, z.output<Q>>) => Promise<z.input<R>>,
  /** Runs before the schemas, for a request worth a more precise refusal than "does not match". */
  before?: (request: FastifyRequest) => void,
): void {
  app.route({
    method: spec.method,
    url: spec.url.replace(/\{(\w+)\}/g, ':$1'),
    config: { auth: spec.auth },
    ...(spec.body ? {} : { preParsing: takeNoBody }),
    handler: async (request, reply) => {
      before?.(request);
      // No body at all means the defaults; a JSON `null` is a body of the wrong shape.
      const body = parse(spec.body, request.body === undefined ? {} : request.body, 'body');
      const params = parse(spec.params, request.params, 'path');
      const query = parse(spec.query, request.query, 'query');
      for (const [value, where] of [
        [body, 'body'],
        [params, 'path'],
        [query, 'query'],
      ] as const) {
        refuseControls(value, where, []);
      }
      return handler({ body, params, query, request, reply } as RouteInput<z.output<B>, z.output<P>, z.output<Q>>);
    },
  });
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // An unknown key is named itself, not the object that holds it.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  throw invalid(where, path, issue.message);
}

function invalid(where: string, path: readonly PropertyKey[], message: string): HttpError {
  const field = path.length > 0 ? path.map(String).join('.') : where;
  return new HttpError(400, 'invalid_request', `${where} ${field}: ${message}`, { field });
}

/**
 * False for control characters (C0, DEL and C1, tab and line breaks included) and for UTF-16 halves without their
 * other half. No field of this API carries them; PostgreSQL cannot store a NUL, and a lone half would be stored as
 * U+FFFD.
 */
function storable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
    if (c >= 0xdc00 && c <= 0xdfff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/** Checks every string of a validated request part; the schemas bound its depth. */
function refuseControls(value: unknown, where: string, path: PropertyKey[]): void {
  if (typeof value === 'string') {
    if (!storable(value)) throw invalid(where, path, 'control characters and unpaired surrogates are not allowed');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => refuseControls(item, where, [...path, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) refuseControls(item, where, [...path, key]);
  }
}

const noBody = () => new HttpError(400, 'invalid_request', 'body: this route takes no body', { field: 'body' });

/**
 * A route without a body answers an empty request whatever content type it declares (axios labels an empty POST
 * as a form; some clients say JSON): the declared type is dropped before Fastify would look for a parser for it.
 * A request that does carry a body is refused rather than have it ignored.
 */
async function takeNoBody(request: FastifyRequest, reply: FastifyReply, payload: Readable): Promise<Readable> {
  const headers = request.raw.headers;
  const length = headers['content-length'];
  if (length !== undefined && Number(length) !== 0) throw noBody();
  // A chunked body declares no length: only reading it tells whether anything comes.
  if (headers['transfer-encoding'] !== undefined && (await carriesData(payload))) {
    reply.header('connection', 'close');
    throw noBody();
  }
  delete headers['content-type'];
  delete headers['transfer-encoding'];
  return payload;
}

/** Reads until the first byte or the end, and stops there. */
function carriesData(payload: Readable): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const settle = (result: boolean) => {
      payload.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (chunk.length === 0) return;
      payload.pause();
      settle(true);
    };
    const onEnd = () => settle(false);
    payload.on('data', onData).on('end', onEnd).on('error', reject);
  });
}
