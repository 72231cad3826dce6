/**
 * Requests built from the route table's own schemas: a valid request for any route, and every place in it a value
 * can go. The hostile suite probes through these, so a route added to the table is probed without anyone listing it.
 */
import { z } from 'zod';
import { type AnySpec, routeRegistry } from '../http/route.ts';
import '../openapi/document.ts';

export type Part = 'body' | 'path' | 'query';
export type Leaf = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/** One place a value can go: `path` within its part (a body key, `add`, 0; a parameter's name). */
export interface Field {
  part: Part;
  path: Array<string | number>;
  type: Leaf;
}

export interface Sample {
  body: Record<string, unknown> | undefined;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  pattern?: string;
  examples?: unknown[];
  minimum?: number;
  minLength?: number;
  default?: unknown;
  enum?: unknown[];
}

/** Every route in the table, in a stable order. */
export function everyRoute(): AnySpec[] {
  return [...routeRegistry].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

export const label = (spec: AnySpec) => `${spec.method} ${spec.url}`;

function jsonSchema(s: z.ZodType): Schema {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Schema;
}

/**
 * A value the schema accepts; a pattern needs an example in the schema (`.meta({ examples })`) to be sampled. `full`
 * fills optional object properties too, so that a value put inside one has valid siblings.
 */
function sampleOf(s: Schema, where: string, full = false): unknown {
  if (s.examples?.length) return s.examples[0];
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      if (s.pattern) throw new Error(`${where} has a pattern but no example: give its schema .meta({ examples })`);
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      const names = full ? Object.keys(s.properties ?? {}) : (s.required ?? []);
      for (const name of names) out[name] = sampleOf(s.properties![name]!, `${where}.${name}`, full);
      return out;
    }
    default:
      throw new Error(`${where}: no sample for a schema of type ${String(s.type)}`);
  }
}

function leavesOf(s: Schema, part: Part, path: Array<string | number>, out: Field[]): void {
  const type = (s.type ?? 'object') as Leaf;
  out.push({ part, path, type });
  if (type === 'object') {
    for (const [name, prop] of Object.entries(s.properties ?? {})) leavesOf(prop, part, [...path, name], out);
  } else if (type === 'array' && s.items) {
    leavesOf(s.items, part, [...path, 0], out);
  }
}

/** The valid request every probe of a route starts from: required values only, unless `full`. */
export function sampleRequest(spec: AnySpec, full = false): Sample {
  const part = (s: z.ZodType | undefined, where: string) =>
    s ? (sampleOf(jsonSchema(s), `${label(spec)} ${where}`, full) as Record<string, unknown>) : undefined;
  // A path parameter is always required, whatever the schema says.
  const params: Record<string, unknown> = {};
  const paramSchema = spec.params ? jsonSchema(spec.params) : null;
  for (const [name, prop] of Object.entries(paramSchema?.properties ?? {})) {
    params[name] = sampleOf(prop, `${label(spec)} path ${name}`);
  }
  return { body: part(spec.body, 'body'), params, query: part(spec.query, 'query') ?? {} };
}

/** Every value in the route's body, path and query, nested ones included (an array's first item stands for all). */
export function fieldsOf(spec: AnySpec): Field[] {
  const out: Field[] = [];
  for (const [part, s] of [
    ['body', spec.body],
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!s) continue;
    for (const [name, prop] of Object.entries(jsonSchema(s).properties ?? {})) leavesOf(prop, part, [name], out);
  }
  return out;
}

/** The sample with `value` put at the field, creating the objects and arrays on the way. */
export function withValue(sample: Sample, field: Field, value: unknown): Sample {
  const copy = structuredClone(sample);
  const root = field.part === 'body' ? (copy.body ??= {}) : field.part === 'path' ? copy.params : copy.query;
  let node: Record<string | number, unknown> = root;
  field.path.forEach((key, i) => {
    if (i === field.path.length - 1) {
      node[key] = value;
      return;
    }
    const next = field.path[i + 1];
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') {
      node[key] = typeof next === 'number' ? [] : {};
    }
    node = node[key] as Record<string | number, unknown>;
  });
  return copy;
}

/** The URL path and query of a sample for the route; path and query values are sent as text. */
export function urlOf(spec: AnySpec, sample: Sample): string {
  const path = spec.url.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(String(sample.params[name] ?? '')),
  );
  const query = Object.entries(sample.query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}
