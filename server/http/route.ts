/**
 * One table of routes: each entry's zod schemas validate the request at the boundary, and the same entries
 * produce the OpenAPI document, so the two cannot drift apart.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpError } from './errors.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

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
): void {
  app.route({
    method: spec.method,
    url: spec.url.replace(/\{(\w+)\}/g, ':$1'),
    config: { auth: spec.auth },
    handler: async (request, reply) => {
      // No body at all means the defaults; a JSON `null` is a body of the wrong shape.
      const body = parse(spec.body, request.body === undefined ? {} : request.body, 'body');
      const params = parse(spec.params, request.params, 'path');
      const query = parse(spec.query, request.query, 'query');
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
  const field = path.length > 0 ? path.join('.') : where;
  throw new HttpError(400, 'invalid_request', `${where} ${field}: ${issue.message}`, { field });
}
