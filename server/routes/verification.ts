import type { FastifyInstance } from 'fastify';
import { API_PREFIX, Session, VerificationCheck, VerificationStart, VerificationStarted } from '../../protocol/api.ts';
import { findOrCreateUser } from '../account/join.ts';
import { createSession } from '../auth/sessions.ts';
import { toStored } from '../db/schema.ts';
import { HttpError, tooMany } from '../http/errors.ts';
import { defineRoute, mount } from '../http/route.ts';
import { checkCode, issueCode } from '../verification/codes.ts';
import { announceJoins, type ServerContext } from './context.ts';

const start = defineRoute({
  method: 'POST',
  url: `${API_PREFIX}/verification/start`,
  summary: 'Send a six-digit code to a number (valid 5 minutes)',
  tag: 'verification',
  auth: false,
  body: VerificationStart,
  response: VerificationStarted,
  errors: {
    429: 'Too many codes for this number or this address',
    502: 'The SMS gateway refused or failed',
    503: 'No code sender is configured',
  },
});

const verify = defineRoute({
  method: 'POST',
  url: `${API_PREFIX}/verification/verify`,
  summary: 'Exchange a code for a bearer token; the first verification of a number creates its account',
  tag: 'verification',
  auth: false,
  body: VerificationCheck,
  response: Session,
  errors: { 400: 'Wrong, expired or used code', 429: 'Too many attempts' },
});

export function verificationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  mount(app, start, async ({ body, request }) => {
    if (!ctx.sender) {
      throw new HttpError(503, 'no_sender', 'this server has no SMS gateway configured (set KITH_SMS_WEBHOOK_URL)');
    }
    const now = ctx.now();
    const wait = await ctx.startsByIp.hit(request.ip, now);
    if (wait > 0) throw tooMany('too_many_codes', 'too many codes requested from this address', wait);
    const code = await issueCode(ctx.conn, toStored(body.e164), ctx.config.limits, ctx.config.codeTtlSeconds, now);
    try {
      await ctx.sender.send(body.e164, code);
    } catch (err) {
      request.log.error({ err: err instanceof Error ? err.message : String(err) }, 'code sender failed');
      throw new HttpError(502, 'sender_failed', 'the code could not be sent; try again');
    }
    return {
      expiresInSeconds: ctx.config.codeTtlSeconds,
      ...(ctx.config.dev && ctx.sender.kind === 'dev' ? { devCode: code } : {}),
    };
  });

  mount(app, verify, async ({ body, request }) => {
    const now = ctx.now();
    const wait = await ctx.attemptsByIp.hit(request.ip, now);
    if (wait > 0) throw tooMany('too_many_attempts', 'too many verification attempts from this address', wait);
    const e164 = toStored(body.e164);
    await checkCode(ctx.conn.db, e164, body.code, now);
    const joined = await findOrCreateUser(ctx.conn, e164, ctx.config.budget, now, body.discoverable ?? true);
    announceJoins(ctx, request, joined, 'join events written');
    const session = await createSession(ctx.conn.db, joined.userId, body.deviceName ?? null, now);
    return {
      token: session.token,
      userId: joined.userId,
      e164: body.e164,
      deviceId: session.sessionId,
      newAccount: joined.created,
    };
  });
}
