/** Where one-time codes go: a webhook to a real SMS gateway, or (dev mode) the console. */
import { createHmac } from 'node:crypto';

export interface CodeSender {
  readonly kind: 'dev' | 'webhook';
  send(e164: string, code: string): Promise<void>;
}

/** Dev mode: prints the code on stderr, outside the structured log, which never carries codes. */
export function devSender(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): CodeSender {
  return {
    kind: 'dev',
    send: async (e164, code) => write(`kith-server (dev): verification code for ${e164} is ${code}`),
  };
}

/**
 * POSTs `{ to, code, text }` as JSON to a gateway, with the time of sending in `X-Kith-Timestamp` (Unix seconds).
 * With a secret, `X-Kith-Signature` is the HMAC-SHA256 of `TIMESTAMP.BODY`: the gateway can check the sender, and,
 * by refusing old timestamps, that a captured request is not being replayed.
 */
export function webhookSender(
  url: string,
  secret: string | null,
  timeoutMs = 10_000,
  now: () => number = Date.now,
): CodeSender {
  return {
    kind: 'webhook',
    async send(e164, code) {
      const body = JSON.stringify({ to: e164, code, text: `Your Kith code is ${code}` });
      const timestamp = String(Math.floor(now() / 1000));
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-kith-timestamp': timestamp };
      if (secret) headers['x-kith-signature'] = webhookSignature(secret, timestamp, body);
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`SMS webhook answered ${res.status}`);
    },
  };
}

function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
