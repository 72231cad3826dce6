/**
 * Slow answers and timeouts, with a 200 ms client timeout: a late answer, a request that never gets one, and one
 * that reaches the server only after its resend. Each is a network failure; the batch stays queued as it was,
 * and the server applies it once however many copies arrive.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../engine.ts';
import type { SyncError } from '../errors.ts';
import { expectConverged, settled } from '../../testing/convergence.ts';
import { batchIdOf, isBatch } from '../../testing/fault-proxy.ts';
import { contacts, FAST_BACKOFF, importBook, proxiedSetup, waitFor, type Proxied } from '../../testing/sync-fixture.ts';

let env: Proxied;
let engine: SyncEngine;

beforeEach(async () => {
  env = await proxiedSetup();
  await importBook(env.db, join(env.dir, 'a.csv'), contacts(0, 500));
  engine = new SyncEngine({ db: env.db, batchSize: 100, backoff: FAST_BACKOFF, client: { timeoutMs: 200 } });
});

afterEach(async () => {
  await engine.stop();
  await env.close();
});

const batches = () => env.proxy.log.filter(isBatch);
const converged = () => expectConverged({ db: env.db, server: env.server.url, token: env.token, joins: 0 });

function firstQueued() {
  return env.db.prepare('SELECT batch_id, body, attempts, last_error FROM outbox ORDER BY id LIMIT 1').get() as {
    batch_id: string;
    body: string;
    attempts: number;
    last_error: string;
  };
}

describe('slow answers and timeouts', () => {
  it('an answer a second late times out as a network failure; the resend gets the answer the server kept', async () => {
    env.proxy.next({ kind: 'delay', ms: 1000, phase: 'answer' }, isBatch);
    const first = await engine.sync({ force: true });
    expect(first).toMatchObject({ batchesSent: 0, queued: 5, connectivity: 'offline' });
    expect(engine.status().lastError).toMatch(/timed out/);

    const slow = batches()[0]!;
    const row = firstQueued();
    expect(row).toMatchObject({ batch_id: batchIdOf(slow), attempts: 1 });
    expect(JSON.parse(row.body)).toEqual(JSON.parse(slow.body));
    expect(row.last_error).toMatch(/^network: PUT \S+ timed out$/);
    // The server did apply it; only the answer was late.
    await waitFor('the late answer', () => slow.upstream !== null);
    expect(slow.upstream!.status).toBe(200);

    const second = await engine.sync({ force: true });
    expect(second).toMatchObject({ batchesSent: 5, added: 500, queued: 0, connectivity: 'online' });
    const resend = batches()[1]!;
    expect([resend.path, resend.body]).toEqual([slow.path, slow.body]);
    expect(resend.upstream!.body).toBe(slow.upstream!.body);
    expect(JSON.parse(resend.upstream!.body)).toMatchObject({ added: 100, count: 100 });
    await converged();
  });

  it('a server that never answers: the background engine times out, goes offline, probes, and resumes', async () => {
    env.proxy.next({ kind: 'hang' }, isBatch, 2);
    const failures: SyncError[] = [];
    engine.on('error', (e) => failures.push(e));
    engine.start();
    await waitFor('everything sent', () => settled(env.db));
    await engine.stop();

    expect(failures.map((f) => [f.kind, /timed out/.test(f.message)])).toEqual([
      ['network', true],
      ['network', true],
    ]);
    const [hung1, hung2, sent] = batches();
    expect([hung1!.outcome, hung2!.outcome, hung1!.upstream, hung2!.upstream]).toEqual(['hung', 'hung', null, null]);
    expect([hung2!.path, hung2!.body, sent!.path, sent!.body]).toEqual([
      hung1!.path,
      hung1!.body,
      hung1!.path,
      hung1!.body,
    ]);
    // Offline in between: it probed the server's health before sending again.
    const probes = env.proxy.log.filter((e) => e.path === '/health');
    expect(probes.some((p) => p.seq > hung1!.seq && p.seq < hung2!.seq)).toBe(true);
    expect(engine.status().connectivity).toBe('online');
    await converged();
  });

  it('a request that reaches the server only after its resend is applied once', async () => {
    env.proxy.next({ kind: 'delay', ms: 1000, phase: 'request' }, isBatch);
    const first = await engine.sync({ force: true });
    expect(first).toMatchObject({ batchesSent: 0, queued: 5, connectivity: 'offline' });
    const second = await engine.sync({ force: true });
    expect(second).toMatchObject({ batchesSent: 5, added: 500, queued: 0 });

    const [late, resend] = batches();
    expect([late!.path, late!.body]).toEqual([resend!.path, resend!.body]);
    await waitFor('the late copy to reach the server', () => late!.upstream !== null);
    expect(late!.receivedAt).toBeLessThan(resend!.receivedAt);
    // The copy that arrived second got the answer to the first: nothing was added twice.
    expect(late!.upstream!.body).toBe(resend!.upstream!.body);
    await converged();
  });
});
