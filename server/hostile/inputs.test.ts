/**
 * Every value of every route (body fields at any depth, path and query parameters) replaced in turn by hostile
 * texts and by values of the wrong type. No answer is a 5xx; every refusal is in the error shape and names the
 * field; nothing sent is echoed back; and nothing refused reaches the database. The routes come from the table.
 */
import { expect, it } from 'vitest';
import { ErrorBody } from '../../protocol/api.ts';
import { openApiDocument } from '../openapi/document.ts';
import { cellText, everyCell } from '../testing/cells.ts';
import { eachDialect } from '../testing/suite.ts';
import { type Answer, hostileServer, type Signed } from './harness.ts';
import { everyRoute, type Field, fieldsOf, label, sampleRequest, urlOf, withValue } from './requests.ts';
import { distinctive, hostileValues } from './values.ts';

/** Where a refusal of the field may point: the field itself, or its list with the entry's index. */
function namesField(answer: ErrorBody, field: Field): boolean {
  const path = field.path.join('.');
  if (answer.field === path) return true;
  const [list, index] = field.path;
  return answer.field === list && typeof index === 'number' && (answer.index === undefined || answer.index === index);
}

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
};

await eachDialect('hostile callers: values', (dialect) => {
  const h = hostileServer(dialect);
  const refused = new Set<string>();
  /** Texts some route took, by the field that took them. */
  const accepted = new Map<string, Set<string>>();
  let fresh = 447702200000;
  /** The statuses each route answered, by `METHOD url`. */
  const statuses = new Map<string, Set<number>>();

  it('probes every route that takes a value, and each gets only sound answers', async () => {
    const owner: Signed = await h.signIn('+447702199999');
    let probes = 0;
    for (const spec of everyRoute()) {
      const fields = fieldsOf(spec);
      for (const field of fields) {
        for (const value of hostileValues(field)) {
          // A value inside an optional object needs that object's other values to be valid.
          let sample = sampleRequest(spec, field.path.length > 1);
          // A verification guess needs a live session, so that a value can get as far as being stored.
          if (spec.body && 'sessionId' in (sample.body ?? {}) && field.path[0] !== 'sessionId') {
            const live = await h.session(`+${++fresh}`);
            sample = { ...sample, body: { ...sample.body, ...live } };
            if (field.path[0] === 'code') sample.body!.code = live.code;
          }
          const probe = withValue(sample, field, value);
          const where = `${label(spec)} ${field.part} ${field.path.join('.')} = ${show(value)}`;
          probes++;
          if (spec.websocket) {
            const result = await h.stream(h.bearer(owner), urlOf(spec, probe).replace(/^[^?]*/, ''));
            // Refused before the upgrade (a URL too long) or closed as a policy violation once open.
            expect([{ close: 1008 }, { status: 414 }], where).toContainEqual(result);
            continue;
          }
          const answer: Answer = await h.send({
            method: spec.method,
            url: urlOf(spec, probe),
            authorization: spec.auth ? h.bearer(owner) : undefined,
            body: probe.body,
          });
          expect(answer.status, `${where}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
          statuses.set(label(spec), (statuses.get(label(spec)) ?? new Set()).add(answer.status));
          if (distinctive(value)) {
            expect(answer.text.includes(value), `${where} is echoed`).toBe(false);
            expect(answer.text.includes(JSON.stringify(value).slice(1, -1)), `${where} is echoed`).toBe(false);
          }
          if (answer.status < 300) {
            expect(spec.response.safeParse(answer.json).success, `${where}: ${answer.text}`).toBe(true);
            if (typeof value === 'string') {
              const name = String(field.path[field.path.length - 1]);
              accepted.set(name, (accepted.get(name) ?? new Set()).add(value));
            }
            continue;
          }
          if (distinctive(value)) refused.add(value);
          const error = ErrorBody.strict().safeParse(answer.json);
          expect(error.success, `${where}: ${answer.text}`).toBe(true);
          if (answer.status === 400 && error.data?.error === 'invalid_request' && field.part !== 'path') {
            expect(namesField(error.data, field), `${where} named ${answer.text}`).toBe(true);
          }
        }
      }
    }
    expect(probes).toBeGreaterThan(400);
  });

  it('refuses a body on every route that takes none, before acting', async () => {
    const owner = await h.signIn('+447702199998');
    const bodyless = everyRoute().filter((spec) => !spec.body && !spec.websocket);
    expect(bodyless.length).toBeGreaterThanOrEqual(5);
    for (const spec of bodyless) {
      const answer = await h.send({
        method: spec.method,
        url: urlOf(spec, sampleRequest(spec)),
        authorization: spec.auth ? h.bearer(owner) : undefined,
        body: { note: '0)or(1' },
      });
      expect(answer.status, label(spec)).toBe(400);
      expect(answer.json, label(spec)).toMatchObject({ error: 'invalid_request', field: 'body' });
      statuses.set(label(spec), (statuses.get(label(spec)) ?? new Set()).add(answer.status));
    }
    // Among them the account's deletion and sign-out: the session still works.
    expect((await h.send({ method: 'GET', url: '/v1/account', authorization: h.bearer(owner) })).status).toBe(200);
  });

  it('keeps nothing it refused, and what it took as sent', async () => {
    const cells = await everyCell(h.running().server.ctx.conn.db);
    const took = new Set([...accepted.values()].flatMap((values) => [...values]));
    const neverTaken = [...refused].filter((value) => !took.has(value));
    const kept = cells.filter((cell) => neverTaken.some((value) => cellText(cell).includes(value)));
    expect(kept.map((c) => `${c.table}.${c.column}`)).toEqual([]);
    // Device names are free text: quotes, right-to-left marks and emoji are stored and read back exactly.
    const names = new Set(cells.filter((c) => c.column === 'device_name').map(cellText));
    expect(accepted.get('deviceName')?.size).toBeGreaterThanOrEqual(8);
    for (const name of accepted.get('deviceName') ?? []) expect(names.has(name), show(name)).toBe(true);
  });

  it('documents every status it answered in the OpenAPI document', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const missing = everyRoute().flatMap((spec) => {
      const documented = Object.keys(paths[spec.url]![spec.method.toLowerCase()]!.responses);
      return [...(statuses.get(label(spec)) ?? [])]
        .filter((status) => !documented.includes(String(status)))
        .map((status) => `${label(spec)} answered ${status}`);
    });
    expect(missing).toEqual([]);
  });

  it('leaves no token, code or secret in any answer or log line', () => {
    expect(h.leaks()).toEqual([]);
  });
});
