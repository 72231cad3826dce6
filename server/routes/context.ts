import type { FastifyRequest } from 'fastify';
import type { FanOut } from '../account/join.ts';
import type { AuthContext } from '../auth/sessions.ts';
import type { ServerConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import type { EventHub } from '../events/hub.ts';
import { unauthorized } from '../http/errors.ts';
import type { ServerSecret } from '../secret.ts';
import type { CodeSender } from '../verification/senders.ts';
import type { AddressLimiter } from '../verification/address-limiter.ts';
import type { ChallengeVerifier } from '../verification/challenge.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    auth?: boolean;
  }
}

/** What every route handler may use. */
export interface ServerContext {
  conn: Connection;
  config: ServerConfig;
  /** Keys every hash of a number or address that the database keeps (see secret.ts). */
  secret: ServerSecret;
  sender: CodeSender | null;
  hub: EventHub;
  now: () => number;
  startsByIp: AddressLimiter;
  attemptsByIp: AddressLimiter;
  /** Codes sent to a number, from everyone together and from one requester. */
  startsByNumber: AddressLimiter;
  startsByNumberAndIp: AddressLimiter;
  /** The operator's challenge before a code is sent, if any (see verification/challenge.ts). */
  challenge: ChallengeVerifier | null;
}

/** Wakes the live streams of the recipients of join events just committed; delivery failing is only logged. */
export function announceJoins(ctx: ServerContext, request: FastifyRequest, fanOut: FanOut, what: string): void {
  if (fanOut.fannedOut === 0) return;
  request.log.info({ fannedOut: fanOut.fannedOut }, what);
  ctx.hub.published(fanOut.eventsAfter).catch((err: unknown) => request.log.error({ err }, 'live delivery failed'));
}

export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}
