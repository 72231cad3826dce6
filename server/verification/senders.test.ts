import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookSender } from './senders.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A gateway on loopback that records each request and answers with `status` (or never, for `hang`). */
async function gateway(status: number | 'hang'): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (status !== 'hang') res.writeHead(status).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, received, server };
}

describe('the SMS webhook sender', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      s.close();
    }
  });
  const start = async (status: number | 'hang') => {
    const g = await gateway(status);
    servers.push(g.server);
    return g;
  };
  const at = Date.UTC(2026, 10, 28, 12, 0, 0);

  it('posts the code with the time of sending, signed over the time and the body', async () => {
    const g = await start(204);
    await webhookSender(g.url, 'gateway-secret', 5000, () => at).send('+447700900001', '123456');
    expect(g.received).toHaveLength(1);
    const [{ headers, body }] = g.received as [Received];
    expect(JSON.parse(body)).toEqual({ to: '+447700900001', code: '123456', text: 'Your Kith code is 123456' });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-kith-timestamp']).toBe(String(at / 1000));
    const expected = createHmac('sha256', 'gateway-secret')
      .update(`${at / 1000}.${body}`)
      .digest('hex');
    expect(headers['x-kith-signature']).toBe(expected);
    // The body alone, as signed before timestamps, no longer verifies: a replay cannot swap in another time.
    expect(headers['x-kith-signature']).not.toBe(createHmac('sha256', 'gateway-secret').update(body).digest('hex'));
  });

  it('signs the example in docs/server.md as printed there', async () => {
    const g = await start(200);
    await webhookSender(g.url, 'example-secret', 5000, () => 1795817490_000).send('+447700900001', '303355');
    const docs = readFileSync(join(import.meta.dirname, '../../docs/server.md'), 'utf8');
    expect(docs).toContain(`x-kith-timestamp: ${g.received[0]!.headers['x-kith-timestamp']}`);
    expect(docs).toContain(`x-kith-signature: ${g.received[0]!.headers['x-kith-signature']}`);
    expect(docs).toContain(g.received[0]!.body);
  });

  it('sends no signature without a secret', async () => {
    const g = await start(200);
    await webhookSender(g.url, null, 5000, () => at).send('+447700900002', '654321');
    expect(g.received[0]!.headers['x-kith-signature']).toBeUndefined();
    expect(g.received[0]!.headers['x-kith-timestamp']).toBe(String(at / 1000));
  });

  it('fails on an answer other than 2xx, and on a gateway that does not answer in time', async () => {
    const refusing = await start(500);
    await expect(webhookSender(refusing.url, 's').send('+447700900003', '111111')).rejects.toThrow(
      'SMS webhook answered 500',
    );
    const silent = await start('hang');
    await expect(webhookSender(silent.url, 's', 200).send('+447700900004', '222222')).rejects.toThrow();
    expect(silent.received).toHaveLength(1);
  });
});
