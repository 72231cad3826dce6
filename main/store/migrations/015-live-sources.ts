import type { Migration } from './types.ts';

/**
 * Sources other than files: address books followed live (CardDAV, evolution-data-server, macOS, Windows).
 *
 * `kind` now says what a source is, and a file's own format moves to `format`. Only files have a path, a file hash
 * and (from their import) `imported_at`, which for every kind is the time of the last import or sync. `settings` holds
 * what reaching the source needs except credentials (a URL, a book's uid), `sync_state` what a sync hands to the next
 * one (a CardDAV token), `last_result` the counts of the last sync, `last_error` its sentence when it failed.
 *
 * SQLite cannot change a CHECK in place, so the table is rebuilt: with foreign keys off (see `rebuildsTables`),
 * because dropping the old table would otherwise delete every contact through ON DELETE CASCADE. The ids are copied,
 * so `contacts.source_id` stays right; open.ts checks the foreign keys before the step commits.
 *
 * `source_cards` holds, per card of a live source, its tag (ETag or REV) and the keys of the contacts it gave (one;
 * none when it could not be read; more for a card with a card nested in it), so that a card whose tag has not changed
 * is not read again, and a change that does not mention it keeps its contacts.
 */
export const liveSources: Migration = {
  version: 15,
  name: 'live-sources',
  rebuildsTables: true,
  // A file's name is the last part of its path, as the Sources screen shows it.
  after: (db) => {
    const rename = db.prepare('UPDATE sources SET name = ? WHERE id = ?');
    for (const { id, path } of db.prepare('SELECT id, path FROM sources').all() as Array<{
      id: number;
      path: string;
    }>) {
      rename.run(path.split(/[\\/]/).pop() || path, id);
    }
  },
  sql: `
CREATE TABLE sources_new (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('file', 'carddav', 'eds', 'macos', 'windows')),
  name TEXT NOT NULL DEFAULT '',
  path TEXT UNIQUE,
  format TEXT CHECK (format IN ('vcard', 'csv')),
  file_hash TEXT,
  imported_at INTEGER,
  records_read INTEGER NOT NULL DEFAULT 0,
  report TEXT NOT NULL DEFAULT '[]',
  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  state TEXT NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'missing', 'error')),
  last_result TEXT CHECK (last_result IS NULL OR json_valid(last_result)),
  last_error TEXT,
  next_poll_at INTEGER,
  poll_interval INTEGER CHECK (poll_interval IS NULL OR poll_interval > 0),
  sync_state TEXT CHECK (sync_state IS NULL OR json_valid(sync_state)),
  CHECK ((kind = 'file') = (path IS NOT NULL)),
  CHECK ((kind = 'file') = (format IS NOT NULL)),
  CHECK (kind <> 'file' OR (file_hash IS NOT NULL AND imported_at IS NOT NULL))
);

INSERT INTO sources_new (id, kind, name, path, format, file_hash, imported_at, records_read, report)
SELECT id, 'file', '', path, kind, file_hash, imported_at, records_read, report FROM sources;

DROP TABLE sources;
ALTER TABLE sources_new RENAME TO sources;

CREATE TABLE source_cards (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  ref TEXT NOT NULL,
  tag TEXT NOT NULL,
  contact_keys TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(contact_keys)),
  PRIMARY KEY (source_id, ref)
) WITHOUT ROWID;
`,
};
