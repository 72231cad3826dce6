import type { Migration } from './types.ts';

/**
 * Contact photos, in a table of their own so that the contacts table (scanned for every page and search) stays
 * narrow. At most one per contact, keyed by the contact's id (a rowid lookup), and gone with the contact.
 *
 * Only images the import checked are stored: PNG, JPEG, GIF or WebP by their first bytes, at most 256 KB and
 * 2048 × 2048 pixels (see main/import/vcard/photo.ts); the CHECKs hold the store to the same.
 *
 * Cards imported before this version were read without their photos, and an import skips a card whose text has not
 * changed. Their digests are cleared, so the next import of each vCard file reads every card once more and keeps
 * its photo; the contacts are updated in place (same key, same id), and that import counts them as updated.
 */
export const photos: Migration = {
  version: 12,
  name: 'photos',
  sql: `
CREATE TABLE photos (
  contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 2048),
  height INTEGER NOT NULL CHECK (height BETWEEN 1 AND 2048),
  bytes BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 262144)
);

UPDATE contacts SET digest = '' WHERE source_id IN (SELECT id FROM sources WHERE kind = 'vcard');
`,
};
