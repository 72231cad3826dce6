import type { Migration } from './types.ts';

/**
 * The address book and the set of distinct valid numbers.
 *
 * `numbers.refs` counts the phone rows of non-excluded contacts that hold the number. Every write path recounts the
 * numbers it touched (see numbers.ts), so a number becomes `pending_removal` only when no remaining contact has it.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('vcard', 'csv')),
  file_hash TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  records_read INTEGER NOT NULL DEFAULT 0,
  report TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  digest TEXT NOT NULL,
  line INTEGER NOT NULL,
  name TEXT NOT NULL,
  excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX contacts_key ON contacts(source_id, key);

CREATE TABLE phones (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  raw TEXT NOT NULL,
  label TEXT NOT NULL,
  e164 TEXT,
  candidate TEXT,
  ext TEXT,
  status TEXT NOT NULL CHECK (status IN ('valid', 'possible', 'invalid')),
  reason TEXT NOT NULL,
  CHECK ((status = 'valid') = (e164 IS NOT NULL)),
  PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;
CREATE INDEX phones_e164 ON phones(e164) WHERE e164 IS NOT NULL;

CREATE TABLE numbers (
  e164 TEXT PRIMARY KEY,
  refs INTEGER NOT NULL CHECK (refs >= 0),
  state TEXT NOT NULL CHECK (state IN ('new', 'synced', 'pending_removal')),
  first_seen_at INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  synced_at INTEGER,
  registered_user_id TEXT,
  registered_at INTEGER
) WITHOUT ROWID;
CREATE INDEX numbers_state ON numbers(state) WHERE state <> 'synced';

`,
};
