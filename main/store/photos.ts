/** Contact photos (migration 012): written by imports, read one at a time for the avatars the UI shows. */
import type { Db } from './open.ts';
import { shownContactSql } from './shown-contact.ts';
import { cachedStatement } from './statements.ts';

export interface PhotoInput {
  mime: string;
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** Prepared statements for an import: a card with a photo keeps it, a card read again without one loses it. */
export function photoWriter(db: Db) {
  const put = db.prepare(
    'INSERT OR REPLACE INTO photos (contact_id, mime, width, height, bytes) VALUES (?, ?, ?, ?, ?)',
  );
  const drop = db.prepare('DELETE FROM photos WHERE contact_id = ?');
  return {
    set(contactId: number | bigint, photo: PhotoInput | undefined): void {
      if (photo === undefined) drop.run(contactId);
      else put.run(contactId, photo.mime, photo.width, photo.height, photo.bytes);
    },
  };
}

/**
 * The contact's photo as a `data:` URL, or null when it has none. The bytes were checked on import (format by magic
 * bytes, size, pixel size), and a `data:` URL of an image is inert: the page's CSP allows `img-src data:` and no
 * image format kept here can run script.
 */
export function photoDataUrl(db: Db, contactId: number): string | null {
  const row = cachedStatement(db, 'SELECT mime, bytes FROM photos WHERE contact_id = ?').get(contactId) as
    { mime: string; bytes: Buffer } | undefined;
  return row ? `data:${row.mime};base64,${row.bytes.toString('base64')}` : null;
}

/**
 * For each number, the photo's contact: the contact whose saved name is shown for it (see shown-contact.ts), when
 * that contact has a photo. Numbers without one are absent; another holder's photo is never shown beside that name.
 */
export function photoContactsByNumber(db: Db, e164s: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  if (e164s.length === 0) return found;
  const rows = cachedStatement(
    db,
    `SELECT x.value AS e164, ph.contact_id AS id
     FROM json_each(?) x LEFT JOIN photos ph ON ph.contact_id = (${shownContactSql('x.value', 'c.id')})`,
  ).all(JSON.stringify(e164s)) as Array<{ e164: string; id: number | null }>;
  for (const r of rows) if (r.id !== null) found.set(r.e164, r.id);
  return found;
}
