/**
 * The sync server's wire contract, version 1. The server validates requests with these schemas and the client
 * validates answers with them. Only E.164 numbers, batch ids and account facts cross the wire; never names.
 */
import { z } from 'zod';
import { E164_PATTERN } from './e164.ts';

export const API_PREFIX = '/v1';
export const MAX_BATCH_NUMBERS = 1000;
export const BATCH_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const E164 = z
  .string()
  .regex(E164_PATTERN)
  .describe('A phone number in E.164 form, e.g. +447400123456')
  .meta({ examples: ['+447400123456'] });

const PLAIN_DIGITS = /^(0|[1-9][0-9]*)$/;

/**
 * A whole number in a query string or a path, from `min` to `max`, optionally defaulted. Only plain decimal digits
 * are read: `0x10`, `1e3`, `+5`, ` 5`, `05` and `5.0` are refused rather than taken for a number the client may not
 * have meant. The OpenAPI document shows it as the integer it stands for.
 */
export function queryInteger(min: number, max: number = Number.MAX_SAFE_INTEGER, fallback?: number) {
  const value = z.number().int().min(min).max(max);
  return z.preprocess(
    (raw, ctx) => {
      if (typeof raw !== 'string') return raw;
      if (PLAIN_DIGITS.test(raw)) return Number(raw);
      ctx.addIssue({ code: 'custom', message: 'expected a whole number in plain decimal digits' });
      return z.NEVER;
    },
    fallback === undefined ? value : value.default(fallback),
  );
}
const UserId = z.number().int().positive();
const Millis = z.number().int().nonnegative().describe('Milliseconds since the Unix epoch');

export const ErrorBody = z.object({
  error: z.string().describe('A stable machine-readable code'),
  message: z.string(),
  field: z.string().optional(),
  index: z.number().int().optional().describe('For a list field: the position of the first offending entry'),
  retryAfterSeconds: z.number().int().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// Verification

/** 256 random bits in base64url: whoever holds it may guess its code, and nobody else can. */
export const VerificationSessionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/)
  .meta({ examples: ['q3sEw0fJ7yW2Rk1qv9mZyR6o0c8dV4hQp2Lx5nTb1aE'] })
  .describe('The verification session that POST /v1/verification/start returned (256 random bits, base64url)');

/** The client's answer to a challenge the server asked for with 428 `challenge_required`. */
export const ChallengeAnswer = z.strictObject({
  type: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/)
    .meta({ examples: ['captcha'] })
    .describe('The type the 428 answer named, e.g. captcha or push'),
  token: z.string().min(1).max(4096).describe('What solving it produced (a captcha token, a pushed code)'),
});
export type ChallengeAnswer = z.infer<typeof ChallengeAnswer>;

export const VerificationStart = z.strictObject({
  e164: E164,
  challenge: ChallengeAnswer.optional().describe('Only after a 428 challenge_required, and only where it is used'),
});
export type VerificationStart = z.infer<typeof VerificationStart>;
export const VerificationStarted = z.object({
  sessionId: VerificationSessionId,
  expiresInSeconds: z.number().int(),
  devCode: z.string().optional().describe('Only from a server in dev mode'),
});
export type VerificationStarted = z.infer<typeof VerificationStarted>;

/** What a 428 `challenge_required` answer carries besides the usual error fields. */
export const ChallengeDemand = z.object({
  type: z.string().describe('What the client must do, e.g. captcha or push'),
  parameters: z.record(z.string(), z.string()).optional().describe('What it needs for that, e.g. a site key'),
});
export type ChallengeDemand = z.infer<typeof ChallengeDemand>;

export const VerificationCheck = z.strictObject({
  sessionId: VerificationSessionId,
  code: z
    .string()
    .regex(/^\d{6}$/)
    .meta({ examples: ['123456'] }),
  deviceName: z.string().min(1).max(100).optional(),
  discoverable: z.boolean().optional().describe('For a new account only: false joins silently (default true)'),
});
export type VerificationCheck = z.infer<typeof VerificationCheck>;
export const Session = z.object({
  token: z.string().describe('Bearer token; the server keeps only its hash'),
  userId: UserId,
  e164: E164,
  deviceId: z.number().int().positive(),
  newAccount: z.boolean(),
});
export type Session = z.infer<typeof Session>;

// Account and devices

export const Account = z.object({
  userId: UserId,
  e164: E164,
  discoverable: z.boolean(),
  createdAt: Millis,
  contactCount: z.number().int().nonnegative(),
});
export type Account = z.infer<typeof Account>;
export const Discoverability = z.strictObject({ discoverable: z.boolean() });
export type Discoverability = z.infer<typeof Discoverability>;

export const Device = z.object({
  id: z.number().int().positive(),
  name: z.string().nullable(),
  createdAt: Millis,
  lastSeenAt: Millis,
  current: z.boolean(),
});
export type Device = z.infer<typeof Device>;
export const DeviceList = z.object({ devices: z.array(Device) });
export type DeviceList = z.infer<typeof DeviceList>;
export const DeviceParams = z.strictObject({ id: queryInteger(1) });

// Contacts

export const Match = z.object({ userId: UserId, e164: E164 });
export type Match = z.infer<typeof Match>;

export const BatchParams = z.strictObject({
  batchId: z
    .string()
    .regex(BATCH_ID_PATTERN)
    .meta({ examples: ['b7Qx2mD9kLp4Rz8WnY3cVa'] }),
});
/** Shape only; the count limit (413) and the E.164 check (400 with the index) are applied after parsing. */
export const BatchUpload = z.strictObject({
  add: z.array(z.string()).default([]),
  remove: z.array(z.string()).default([]),
});
export type BatchUpload = z.input<typeof BatchUpload>;
export const BatchResult = z.object({
  batchId: z.string(),
  added: z.number().int().describe('Numbers that were not in the uploaded set before'),
  removed: z.number().int().describe('Numbers that were in the uploaded set and are now gone'),
  matches: z.array(Match).describe('Added numbers that belong to registered, discoverable users'),
  setHash: z.string().describe('The uploaded set hash after this batch'),
  count: z.number().int().describe('How many numbers the uploaded set holds after this batch'),
});
export type BatchResult = z.infer<typeof BatchResult>;

export const MatchList = z.object({
  matches: z.array(Match),
  setHash: z.string(),
  count: z.number().int(),
});
export type MatchList = z.infer<typeof MatchList>;

export const SetCheck = z.strictObject({
  setHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .meta({ examples: ['7d9a00bc44713c1453080abd1be69ae5a3257fe895525523cdaed5eafdf93424'] }),
});
export type SetCheck = z.infer<typeof SetCheck>;
export const SetCheckResult = z.object({
  status: z.enum(['unchanged', 'mismatch']),
  count: z.number().int(),
  reconcileAfterSeconds: z.number().int().describe('When the client should compare set hashes again'),
});
export type SetCheckResult = z.infer<typeof SetCheckResult>;

export const NumberPageQuery = z.strictObject({
  after: E164.optional(),
  limit: queryInteger(1, 5000, 1000),
});
export const NumberPage = z.object({
  numbers: z.array(E164).describe('The caller’s own uploaded numbers, in ascending order'),
  next: E164.nullable().describe('Pass as `after` for the next page; null at the end'),
});
export type NumberPage = z.infer<typeof NumberPage>;

export const Deleted = z.object({ deleted: z.number().int() });
export type Deleted = z.infer<typeof Deleted>;

// Events

export const ContactJoined = z.object({
  id: z.number().int().positive().describe('Monotonic per recipient; use as the cursor'),
  type: z.literal('contact_joined'),
  userId: UserId,
  e164: E164,
  createdAt: Millis,
});
export type ContactJoined = z.infer<typeof ContactJoined>;
export const InboxEvent = ContactJoined;
export type InboxEvent = ContactJoined;

export const EventsQuery = z.strictObject({
  after: queryInteger(0).optional().describe('Defaults to this device’s acknowledged cursor'),
  limit: queryInteger(1, 1000, 500),
});
export const EventPage = z.object({
  events: z.array(InboxEvent),
  cursor: z.number().int().nonnegative().describe('The id of the last event returned, or `after` when none'),
  more: z.boolean(),
});
export type EventPage = z.infer<typeof EventPage>;
export const EventAck = z.strictObject({ upTo: z.number().int().nonnegative() });
export type EventAck = z.infer<typeof EventAck>;
export const Acked = z.object({ cursor: z.number().int().nonnegative() });
export type Acked = z.infer<typeof Acked>;

/** Messages the server pushes on the WebSocket at /v1/events/stream. */
export const StreamMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), cursor: z.number().int().nonnegative() }),
  z.object({ type: z.literal('events'), events: z.array(InboxEvent) }),
]);
export type StreamMessage = z.infer<typeof StreamMessage>;
