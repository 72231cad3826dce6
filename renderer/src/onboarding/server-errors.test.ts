import { describe, expect, it } from 'vitest';
import { signInError } from './server-errors.ts';

describe('signInError', () => {
  it('says in plain words what went wrong, and keeps the technical text as the detail only', () => {
    const refused = signInError('POST /v1/verification/start: ECONNREFUSED');
    expect(refused.message).toBe(
      'Can’t reach the server at this address. Check the address and your internet connection, then try again.',
    );
    expect(refused.message).not.toMatch(/POST|ECONNREFUSED/);
    expect(refused.detail).toBe('POST /v1/verification/start: ECONNREFUSED');
    expect(signInError('POST /v1/verification/verify: 400 wrong_code (the code does not match)').message).toMatch(
      /^That code is not right\./,
    );
    expect(
      signInError('POST /v1/verification/start: 428 challenge_required (solve the captcha challenge)').message,
    ).toMatch(/^This server asks for an extra check/);
    expect(signInError('something new')).toEqual({ kind: 'other', message: 'something new', detail: null });
  });
});
