/** The document a client builds against: valid OpenAPI 3.1 by the specification's own schema. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect, it } from 'vitest';
import { eachDialect } from '../testing/suite.ts';
import { hostileServer } from './harness.ts';
import { everyRoute, label } from './requests.ts';

await eachDialect('the served OpenAPI document', (dialect) => {
  const h = hostileServer(dialect);

  it('is valid OpenAPI 3.1 and describes every route in the table', async () => {
    const served = await h.send({ method: 'GET', url: '/openapi.json' });
    expect(served.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(served.json as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    const paths = (served.json as { paths: Record<string, Record<string, unknown>> }).paths;
    for (const spec of everyRoute()) expect(paths[spec.url]?.[spec.method.toLowerCase()], label(spec)).toBeDefined();
  });

  it('is refused as invalid when broken, so the check above can fail', async () => {
    const served = await h.send({ method: 'GET', url: '/openapi.json' });
    const broken = structuredClone(served.json) as {
      openapi: unknown;
      paths: Record<string, Record<string, { responses?: unknown }>>;
    };
    delete Object.values(Object.values(broken.paths)[0]!)[0]!.responses;
    broken.openapi = 3.1;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });
});
