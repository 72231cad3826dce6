import { plainError, type PlainError } from '../../../i18n/error-text.ts';

/** A sign-in failure in plain words, from the server's error code or the network error; the rest as it came. */
export function signInError(technical: string): PlainError {
  return plainError(technical, 'sign-in');
}
