import type { Migration } from './types.ts';

/**
 * Sync state. A number's `state` says what the server is believed to hold (`synced`, `pending_removal`) or not
 * (`new`); `outbox_id` marks it in flight in a queued batch, whose body is frozen so that a resend is byte-identical.
 */
export const sync: Migration = {
  version: 2,
  name: 'sync',
  sql: `
ALTER TABLE numbers ADD COLUMN outbox_id INTEGER;
ALTER TABLE numbers ADD COLUMN rejected TEXT;
CREATE INDEX numbers_outbox ON numbers(outbox_id) WHERE outbox_id IS NOT NULL;
CREATE INDEX numbers_registered ON numbers(registered_user_id) WHERE registered_user_id IS NOT NULL;

CREATE TABLE excluded_numbers (
  e164 TEXT PRIMARY KEY,
  excluded_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  adds INTEGER NOT NULL,
  removes INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'failed'))
);

CREATE TABLE upload_log (
  id INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  added TEXT NOT NULL,
  removed TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('applied', 'rejected', 'deleted')),
  detail TEXT
);

CREATE TABLE joins (
  event_id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  e164 TEXT NOT NULL,
  joined_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  notified INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE activity (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sync', 'join', 'error')),
  message TEXT NOT NULL
);
`,
};
