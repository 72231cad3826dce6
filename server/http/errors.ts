/** Errors a handler throws to answer with a given status and a stable code. */
import type { ErrorBody } from '../../protocol/api.ts';

export class HttpError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, error: string, message: string, extra: Partial<ErrorBody> = {}) {
    super(message);
    this.status = status;
    this.body = { error, message, ...extra };
    this.headers = extra.retryAfterSeconds !== undefined ? { 'retry-after': String(extra.retryAfterSeconds) } : {};
  }
}

export const unauthorized = () => new HttpError(401, 'unauthorized', 'a valid bearer token is required');

export function tooMany(error: string, message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(429, error, message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}
