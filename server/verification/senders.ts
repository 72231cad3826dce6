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
 * POSTs `{ to, code, text }` as JSON to a gateway. With a secret, the body is signed with HMAC-SHA256 in
 * `X-Kith-Signature` so the gateway can check the sender.
 */
export function webhookSender(url: string, secret: string | null, timeoutMs = 10_000): CodeSender {
  return {
    kind: 'webhook',
    async send(e164, code) {
      const body = JSON.stringify({ to: e164, code, text: `Your Kith code is ${code}` });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secret) headers['x-kith-signature'] = createHmac('sha256', secret).update(body).digest('hex');
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`SMS webhook answered ${res.status}`);
    },
  };
}
