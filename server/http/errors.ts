/**
 * Errors a handler throws to answer with a given status and a stable code, and the same shape for what Fastify and
 * Node refuse on their own.
 */
import { STATUS_CODES } from 'node:http';
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

/** The code for a status that Fastify or Node chose on their own. */
const CODES: Record<number, string> = {
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  413: 'body_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  431: 'headers_too_large',
};

/**
 * A refusal by Fastify itself (a body it cannot parse, a path it cannot decode), in Kith's shape. Its messages are
 * written here, never taken from the error: Fastify's repeat the path, which can carry an uploaded number.
 */
export function frameworkRefusal(err: { statusCode?: number; code?: string }, bodyLimit: number): HttpError | null {
  const body = { field: 'body' };
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'body_too_large', `request bodies are limited to ${bodyLimit} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported_media_type', 'request bodies must be JSON (application/json)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'invalid_request', 'body: empty, but its content-type says JSON', body);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, 'invalid_request', 'body: not valid JSON', body);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(400, 'invalid_request', 'body: not as long as its content-length says', body);
    case 'FST_ERR_BAD_URL':
      return new HttpError(400, 'invalid_request', 'the path is not valid percent-encoded UTF-8');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpError(414, 'uri_too_long', 'a path segment is longer than any route takes');
  }
  const status = err.statusCode;
  if (status === undefined || status < 400 || status >= 500) return null;
  return new HttpError(
    status,
    CODES[status] ?? 'invalid_request',
    (STATUS_CODES[status] ?? 'bad request').toLowerCase(),
  );
}

/**
 * The answer to a request Node's HTTP parser refused before Fastify saw it, written on the socket as it stands.
 * Node counts the request line with the headers, so a URL too long for the parser is 431 like the headers.
 */
export function parserRefusal(code: string | undefined): string {
  const error =
    code === 'HPE_HEADER_OVERFLOW'
      ? new HttpError(431, 'headers_too_large', 'the request line and headers are too large')
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new HttpError(408, 'request_timeout', 'the request did not arrive in time')
        : new HttpError(400, 'invalid_request', 'the request is not valid HTTP/1.1');
  const json = JSON.stringify(error.body);
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}
