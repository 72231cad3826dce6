import { describe, expect, it } from 'vitest';
import { signInErrorText } from './server-errors.ts';

describe('signInErrorText', () => {
  it('says in plain words what went wrong, keeping the detail', () => {
    expect(signInErrorText('POST /v1/verification/start: ECONNREFUSED')).toBe(
      'Could not reach the server. (POST /v1/verification/start: ECONNREFUSED)',
    );
    expect(signInErrorText('POST /v1/verification/verify: 400 wrong_code (the code does not match)')).toMatch(
      /^That code is not right\./,
    );
    expect(
      signInErrorText('POST /v1/verification/start: 428 challenge_required (solve the captcha challenge)'),
    ).toMatch(/^This server asks for an extra check/);
    expect(signInErrorText('something new')).toBe('something new');
  });
});
