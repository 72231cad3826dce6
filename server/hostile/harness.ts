/**
 * A server for hostile probes: not in dev mode (codes reach only the capturing sender, never an answer), logging at
 * debug level into memory, and every answer kept, so that a suite can end by showing that nothing secret left it.
 */
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import type { Session, VerificationStarted } from '../../protocol/api.ts';
import { hashToken } from '../auth/tokens.ts';
import type { DialectName } from '../db/schema.ts';
import { LOOPBACK_LIMITS, type Running } from '../testing/client.ts';
import { rawRequest } from '../testing/raw-http.ts';
import { serverFor } from '../testing/suite.ts';
import type { CodeSender } from '../verification/senders.ts';

export interface Answer {
  request: string;
  status: number;
  text: string;
  json: unknown;
}

export interface Probe {
  method: string;
  /** Path and query. */
  url: string;
  /** The Authorization header, as sent. */
  authorization?: string;
  body?: unknown;
}

export interface Signed {
  e164: string;
  token: string;
  userId: number;
  deviceId: number;
}

export interface Hostile {
  running(): Running;
  /** Sends a probe and keeps its answer. */
  send(probe: Probe): Promise<Answer>;
  /** Opens the event stream with the given Authorization header and query: the HTTP refusal or the close code. */
  stream(authorization: string | undefined, query?: string): Promise<{ status?: number; close?: number }>;
  /** A verification session and the code the sender was given for it. */
  session(e164: string): Promise<{ sessionId: string; code: string }>;
  signIn(e164: string, deviceName?: string): Promise<Signed>;
  bearer(user: Signed): string;
  /** Every answer and log line that holds something secret: a token, its hash, a code, the server secret. */
  leaks(): string[];
  /** Log lines that carry an uploaded number. */
  numbersInLog(numbers: readonly string[]): string[];
}

/** A fresh server for the enclosing describe block. */
export function hostileServer(dialect: DialectName): Hostile {
  const answers: Answer[] = [];
  const log: string[] = [];
  const codes: string[] = [];
  const lastCode = new Map<string, string>();
  const issued: Array<{ token: string; answerIndex: number }> = [];
  const sender: CodeSender = {
    kind: 'webhook',
    send: async (e164, code) => {
      codes.push(code);
      lastCode.set(e164, code);
    },
  };
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  // Every probe comes from loopback, and the lockout suite tests the limits themselves: here none stands in the way.
  const running = serverFor(
    dialect,
    { dev: false, logLevel: 'debug', limits: { ...LOOPBACK_LIMITS, startsPerNumberPerHour: 1e6 } },
    { sender, logStream },
  );

  async function send(probe: Probe): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (probe.authorization !== undefined) headers.authorization = probe.authorization;
    let body: string | undefined;
    if (probe.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(probe.body);
    }
    // fetch will not send a body with a GET; a hostile client will.
    const { status, text } =
      probe.method === 'GET' && body !== undefined
        ? await rawRequest(
            running().url,
            `GET ${probe.url} HTTP/1.1\r\n${headerLines({ ...headers, 'content-length': String(Buffer.byteLength(body)) })}`,
            body,
          )
        : await fetch(running().url + probe.url, { method: probe.method, headers, body }).then(async (res) => ({
            status: res.status,
            text: await res.text(),
          }));
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // Left undefined: the caller asserts on it.
    }
    const answer = { request: `${probe.method} ${probe.url.slice(0, 200)}`, status, text, json };
    answers.push(answer);
    return answer;
  }

  async function session(e164: string) {
    const started = await send({ method: 'POST', url: '/v1/verification/start', body: { e164 } });
    if (started.status !== 200) throw new Error(`start ${e164}: ${started.text}`);
    const code = lastCode.get(e164);
    if (!code) throw new Error(`no code was sent to ${e164}`);
    return { sessionId: (started.json as VerificationStarted).sessionId, code };
  }

  async function signIn(e164: string, deviceName = 'probe'): Promise<Signed> {
    const { sessionId, code } = await session(e164);
    const verified = await send({
      method: 'POST',
      url: '/v1/verification/verify',
      body: { sessionId, code, deviceName },
    });
    if (verified.status !== 200) throw new Error(`verify ${e164}: ${verified.text}`);
    const s = verified.json as Session;
    issued.push({ token: s.token, answerIndex: answers.length - 1 });
    return { e164, token: s.token, userId: s.userId, deviceId: s.deviceId };
  }

  function stream(authorization: string | undefined, query = ''): Promise<{ status?: number; close?: number }> {
    const url = `${running().url.replace(/^http/, 'ws')}/v1/events/stream${query}`;
    const socket = new WebSocket(url, { headers: authorization === undefined ? {} : { authorization } });
    return new Promise((resolve, reject) => {
      socket.on('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0 });
        res.resume();
        socket.terminate();
      });
      socket.on('message', () => socket.close());
      socket.on('close', (code) => resolve({ close: code }));
      socket.on('error', (err) => reject(err));
    });
  }

  function leaks(): string[] {
    const key = running().server.ctx.secret.export();
    const secrets = [key.toString('hex'), key.toString('base64'), key.toString('base64url')];
    const found: string[] = [];
    answers.forEach((answer, i) => {
      for (const { token, answerIndex } of issued) {
        // A token is in the one answer that hands it over, and nowhere else.
        if (answer.text.includes(token) && i !== answerIndex) found.push(`answer ${answer.request} holds a token`);
        if (answer.text.includes(hashToken(token))) found.push(`answer ${answer.request} holds a token's hash`);
      }
      if (secrets.some((s) => answer.text.includes(s))) found.push(`answer ${answer.request} holds the server secret`);
      if (codes.some((c) => holdsCode(answer.text, c))) found.push(`answer ${answer.request} holds a code`);
    });
    for (const line of log) {
      for (const { token } of issued) {
        if (line.includes(token) || line.includes(hashToken(token))) found.push(`log line holds a token: ${line}`);
      }
      if (secrets.some((s) => line.includes(s))) found.push(`log line holds the server secret: ${line}`);
      if (codes.some((c) => holdsCode(line, c))) found.push(`log line holds a code: ${line}`);
    }
    return found;
  }

  function numbersInLog(numbers: readonly string[]): string[] {
    const digits = numbers.map((n) => n.replace(/^\+/, ''));
    return log.filter((line) => digits.some((d) => line.includes(d)));
  }

  return {
    running,
    send,
    stream,
    session,
    signIn,
    bearer: (user) => `Bearer ${user.token}`,
    leaks,
    numbersInLog,
  };
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
}

/** The code as six digits standing alone in some text, once every JSON number (times, ports) is set aside. */
function holdsCode(text: string, code: string): boolean {
  const withoutNumbers = text.replace(/:\s*-?\d+(\.\d+)?([eE][+-]?\d+)?/g, ':0');
  return new RegExp(`(?<![0-9])${code}(?![0-9])`).test(withoutNumbers);
}
