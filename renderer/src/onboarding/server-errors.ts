/** Plain words for the sign-in failures people meet, from the server's error codes; anything else as it came. */
const KNOWN: Array<[RegExp, string]> = [
  [/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|fetch failed/, 'Could not reach the server.'],
  [/wrong_code/, 'That code is not right. Check it, or go back and ask for a new one.'],
  [/code_expired/, 'That code has expired. Go back and ask for a new one.'],
  [/too_many_attempts/, 'Too many wrong codes. Go back and ask for a new one.'],
  [/too_many_codes|rate_limited|\b429\b/, 'Too many codes were asked for this number. Try again in an hour.'],
  [
    /challenge_required|\b428\b/,
    'This server asks for an extra check before it sends a code, which this app cannot do.',
  ],
];

export function signInErrorText(message: string): string {
  for (const [pattern, text] of KNOWN) if (pattern.test(message)) return `${text} (${message})`;
  return message;
}
