import type { Migration } from './types.ts';

/**
 * Sign-outs the server has not confirmed yet. A row keeps the server and the signed-out session's token (sealed as
 * the live token is: in the keychain's protection where the app has one) until the server accepts the sign-out or
 * says the session is already gone.
 */
export const pendingSignOuts: Migration = {
  version: 6,
  name: 'pending-sign-outs',
  sql: `
CREATE TABLE pending_sign_outs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  server TEXT NOT NULL,
  token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
`,
};
