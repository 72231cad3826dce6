/**
 * The hook for a challenge before a code is sent: a captcha, a push to an app already signed in, or whatever an
 * operator needs once many addresses are texting numbers. Off unless `buildServer` is given one. It runs after the
 * address's own start limit and before anything counts against the number, so a refused start costs the number
 * nothing and sends nothing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ChallengeAnswer, ChallengeDemand, ErrorBody } from '../../protocol/api.ts';
import { HttpError } from '../http/errors.ts';

export interface ChallengeInput {
  /** The number a code is asked for. */
  e164: string;
  /** The requester as the limits count it: an IPv4 address, or an IPv6 /64 (see requester.ts). */
  requester: string;
  /** What the client sent as `challenge`, after a 428 told it what to do; absent on a first try. */
  answer: ChallengeAnswer | undefined;
  headers: IncomingHttpHeaders;
}

/** `pass` lets the start go on; `demand` refuses it with 428 and tells the client what to solve. */
export type ChallengeVerdict = { pass: true } | { pass: false; demand: ChallengeDemand };

export interface ChallengeVerifier {
  check(input: ChallengeInput): Promise<ChallengeVerdict>;
}

export class ChallengeRequired extends HttpError {
  declare readonly body: ErrorBody & { challenge: ChallengeDemand };

  constructor(demand: ChallengeDemand) {
    super(428, 'challenge_required', `solve the ${demand.type} challenge, then start again with its answer`);
    Object.assign(this.body, { challenge: demand });
  }
}
