import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeRegistry } from '../http/route.ts';
import { call, startServer, type Running } from '../testing/client.ts';
import { openApiDocument } from './document.ts';

describe('OpenAPI document', () => {
  let srv: Running;
  beforeAll(async () => {
    srv = await startServer('sqlite');
  });
  afterAll(async () => srv?.stop());

  it('is served at /openapi.json and matches the copy kept in the repo (run `npm run openapi` after API changes)', async () => {
    const served = await call<Record<string, unknown>>(srv.url, 'GET', '/openapi.json');
    expect(served.status).toBe(200);
    const kept = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as unknown;
    expect(served.body).toEqual(kept);
    expect(served.body).toEqual(openApiDocument());
  });

  it('describes every mounted route, with bearer security where a token is needed', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { security?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(routeRegistry.length).toBeGreaterThanOrEqual(15);
    for (const spec of routeRegistry) {
      const op = doc.paths[spec.url]?.[spec.method.toLowerCase()];
      expect(op, `${spec.method} ${spec.url}`).toBeDefined();
      expect(Boolean(op!.security), `${spec.method} ${spec.url}`).toBe(spec.auth);
    }
  });
});
