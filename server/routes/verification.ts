import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX, Session, VerificationCheck, VerificationStart, VerificationStarted } from '../../protocol/api.ts';
import { findOrCreateUser } from '../account/join.ts';
import { createSession } from '../auth/sessions.ts';
import { fromStored, toStored } from '../db/schema.ts';
import { HttpError, tooMany } from '../http/errors.ts';
import { defineRoute, mount } from '../http/route.ts';
import { ChallengeRequired } from '../verification/challenge.ts';
import { checkCode, issueCode, spendCode } from '../verification/codes.ts';
import { requesterOf } from '../verification/requester.ts';
import { announceJoins, type ServerContext } from './context.ts';

const start = defineRoute({
  method: 'POST',
  url: `${API_PREFIX}/verification/start`,
  summary: 'Open a verification session and send its six-digit code to the number (valid 5 minutes)',
  tag: 'verification',
  auth: false,
  body: VerificationStart,
  response: VerificationStarted,
  errors: {
    428: 'challenge_required: the operator asks for a challenge first; `challenge` says which, and the next start sends its answer',
    429: 'Too many codes from this address, for this number from this address, or for this number in all',
    502: 'The SMS gateway refused or failed',
    503: 'No code sender is configured',
  },
});

const verify = defineRoute({
  method: 'POST',
  url: `${API_PREFIX}/verification/verify`,
  summary: "Exchange a session's code for a bearer token; the first verification of a number creates its account",
  tag: 'verification',
  auth: false,
  body: VerificationCheck,
  response: Session,
  errors: {
    400: 'invalid_request (the body does not match the schema), wrong_code (an attempt spent), code_expired (no such session, expired or used), or session_required (the one-step form with a number instead of a session, no longer taken)',
    429: 'Too many attempts for this session, or from this address',
  },
});

/**
 * A code belongs to its session, so the one-step form of earlier clients (the number and the code, with no session)
 * can no longer sign in. Such a client is told to update, rather than that its body has the wrong shape.
 */
function refuseOneStep({ body }: FastifyRequest): void {
  if (typeof body !== 'object' || body === null || !('e164' in body) || 'sessionId' in body) return;
  throw new HttpError(
    400,
    'session_required',
    'send the sessionId that POST /v1/verification/start returned, with the code, instead of the number: this client needs an update',
    { field: 'sessionId' },
  );
}

export function verificationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  mount(app, start, async ({ body, request }) => {
    if (!ctx.sender) {
      throw new HttpError(503, 'no_sender', 'this server has no SMS gateway configured (set KITH_SMS_WEBHOOK_URL)');
    }
    const now = ctx.now();
    const requester = requesterOf(request.ip);
    const wait = await ctx.startsByIp.hit(requester, now);
    if (wait > 0) throw tooMany('too_many_codes', 'too many codes requested from this address', wait);
    if (ctx.challenge) {
      const verdict = await ctx.challenge.check({
        e164: body.e164,
        requester,
        answer: body.challenge,
        headers: request.headers,
      });
      if (!verdict.pass) throw new ChallengeRequired(verdict.demand);
    }
    // This requester's share of the number first: a start it refuses does not count against the number's total,
    // so one requester can take at most its share of that.
    const e164 = toStored(body.e164);
    const mine = await ctx.startsByNumberAndIp.hit(`${e164}/${requester}`, now);
    if (mine > 0) {
      throw tooMany('too_many_codes', 'too many codes requested for this number from this address', mine);
    }
    const all = await ctx.startsByNumber.hit(String(e164), now);
    if (all > 0) throw tooMany('too_many_codes', 'too many codes requested for this number; try again later', all);

    const { limits, codeTtlSeconds } = ctx.config;
    const issued = await issueCode(ctx.conn.db, e164, limits.attemptsPerCode, codeTtlSeconds, now);
    try {
      await ctx.sender.send(body.e164, issued.code);
    } catch (err) {
      request.log.error({ err: err instanceof Error ? err.message : String(err) }, 'code sender failed');
      throw new HttpError(502, 'sender_failed', 'the code could not be sent; try again');
    }
    return {
      sessionId: issued.sessionId,
      expiresInSeconds: codeTtlSeconds,
      ...(ctx.config.dev && ctx.sender.kind === 'dev' ? { devCode: issued.code } : {}),
    };
  });

  mount(
    app,
    verify,
    async ({ body, request }) => {
      const now = ctx.now();
      const wait = await ctx.attemptsByIp.hit(requesterOf(request.ip), now);
      if (wait > 0) throw tooMany('too_many_attempts', 'too many verification attempts from this address', wait);
      // The attempt is taken and committed here, before the sign-in's transaction: a failure there keeps it spent.
      const matched = await checkCode(ctx.conn.db, body.sessionId, body.code, now);
      const { db, dialect } = ctx.conn;
      // One transaction: the code is spent, the account created with its join events, and the device's session
      // made, or none of it happens and the code can be used again.
      const { joined, session } = await db.transaction().execute(async (trx) => {
        await spendCode(trx, matched);
        const discoverable = body.discoverable ?? true;
        const joined = await findOrCreateUser(
          trx,
          dialect,
          ctx.secret,
          matched.e164,
          ctx.config.budget,
          now,
          discoverable,
        );
        const session = await createSession(trx, joined.userId, body.deviceName ?? null, now);
        return { joined, session };
      });
      announceJoins(ctx, request, joined, 'join events written');
      return {
        token: session.token,
        userId: joined.userId,
        e164: fromStored(matched.e164),
        deviceId: session.sessionId,
        newAccount: joined.created,
      };
    },
    refuseOneStep,
  );
}
