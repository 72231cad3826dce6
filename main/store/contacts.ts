import { numberSearchKeys } from '../phone/search-keys.ts';
import { numberKeyWriter } from './number-keys.ts';
import { recountNumbers } from './numbers.ts';
import type { Db } from './open.ts';
import { photoWriter, type PhotoInput } from './photos.ts';
import { sortKey } from './sort-key.ts';
import type { ContactRow, PhoneInput, PhoneRow } from './types.ts';

export interface ExistingContact {
  id: number;
  key: string;
  digest: string;
  line: number;
}

export function sourceContacts(db: Db, sourceId: number): ExistingContact[] {
  return db
    .prepare('SELECT id, key, digest, line FROM contacts WHERE source_id = ?')
    .all(sourceId) as ExistingContact[];
}

export interface ContactInput {
  key: string;
  digest: string;
  line: number;
  name: string;
  /** The name's sort key, when the caller has it already (an import works it out in its threads). */
  sortName?: string;
  phones: readonly PhoneInput[];
  /** The record's photo; null removes a stored one, absent leaves it as it is. */
  photo?: PhotoInput | null;
}

function sortOf(c: ContactInput): string {
  return c.sortName ?? sortKey(c.name);
}

const PHONE_ROWS = 50;
const PHONE_PARAMS = 10;

/**
 * Prepared statements for bulk writes; use inside a transaction and call `finish` before it commits, which writes
 * what is still queued and recounts every number the writes touched.
 */
export function contactWriter(db: Db) {
  const insertContact = db.prepare(
    `INSERT INTO contacts (source_id, key, digest, line, name, sort_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateContact = db.prepare(
    'UPDATE contacts SET digest = ?, line = ?, name = ?, sort_name = ?, updated_at = ? WHERE id = ?',
  );
  const touchLine = db.prepare('UPDATE contacts SET line = ? WHERE id = ? AND line <> ?');
  const deletePhones = db.prepare('DELETE FROM phones WHERE contact_id = ? RETURNING e164').pluck();
  const PHONE_COLUMNS = '(contact_id, position, raw, label, e164, candidate, ext, status, reason, to_check)';
  const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  const insertPhone = db.prepare(`INSERT INTO phones ${PHONE_COLUMNS} VALUES ${ROW}`);
  // Phones are written PHONE_ROWS at a time: one statement per row spends much of its time crossing into SQLite.
  const insertPhones = db.prepare(
    `INSERT INTO phones ${PHONE_COLUMNS} VALUES ${Array(PHONE_ROWS).fill(ROW).join(', ')}`,
  );
  const deleteContact = db.prepare('DELETE FROM contacts WHERE id = ?');
  // A phone's search keys; deleting the phone deletes them (by trigger), so both queues are flushed before that.
  const keys = numberKeyWriter(db);
  const photos = photoWriter(db);
  const touched = new Set<string>();
  let queued: unknown[] = [];

  const flush = (): void => {
    for (let i = 0; i < queued.length; i += PHONE_PARAMS) insertPhone.run(queued.slice(i, i + PHONE_PARAMS));
    queued = [];
    keys.flush();
  };
  const writePhones = (contactId: number | bigint, phones: readonly PhoneInput[]): void => {
    for (let i = 0; i < phones.length; i++) {
      const p = phones[i]!;
      queued.push(contactId, i, p.raw, p.label, p.e164, p.candidate, p.ext, p.status, p.reason, p.to_check ?? null);
      if (p.e164) touched.add(p.e164);
      keys.add(contactId, i, p.keys ?? numberSearchKeys(p.raw, p.e164, p.candidate));
    }
    if (queued.length >= PHONE_ROWS * PHONE_PARAMS) insertPhones.run(queued.splice(0, PHONE_ROWS * PHONE_PARAMS));
  };
  const dropPhones = (contactId: number): void => {
    flush();
    for (const e164 of deletePhones.all(contactId) as Array<string | null>) if (e164) touched.add(e164);
  };

  return {
    insert(sourceId: number, c: ContactInput, now: number): void {
      const { lastInsertRowid } = insertContact.run(sourceId, c.key, c.digest, c.line, c.name, sortOf(c), now, now);
      writePhones(lastInsertRowid, c.phones);
      if (c.photo) photos.set(lastInsertRowid, c.photo);
    },
    update(id: number, c: ContactInput, now: number): void {
      updateContact.run(c.digest, c.line, c.name, sortOf(c), now, id);
      dropPhones(id);
      writePhones(id, c.phones);
      if (c.photo !== undefined) photos.set(id, c.photo ?? undefined);
    },
    /** An unchanged record may still have moved within its file. */
    moveLine(id: number, line: number): void {
      touchLine.run(line, id, line);
    },
    remove(id: number): void {
      // Phones first, so that their numbers are known for the recount.
      dropPhones(id);
      deleteContact.run(id);
    },
    /** Write the phones still queued; `finish` does this too. */
    flush,
    finish(now: number): void {
      flush();
      recountNumbers(db, touched, now);
      touched.clear();
    },
  };
}

/** Exclude a contact from sync (its numbers count as removed) or include it again. */
export function setExcluded(db: Db, contactId: number, excluded: boolean, now: number): boolean {
  return setContactsExcluded(db, [contactId], excluded, now);
}

/** Excludes (or includes) several contacts, recounting their numbers once; true when any changed. */
export function setContactsExcluded(db: Db, contactIds: readonly number[], excluded: boolean, now: number): boolean {
  return db.transaction(() => {
    const update = db.prepare('UPDATE contacts SET excluded = ?, updated_at = ? WHERE id = ? AND excluded <> ?');
    const changed = contactIds.filter((id) => update.run(excluded ? 1 : 0, now, id, excluded ? 1 : 0).changes > 0);
    if (changed.length === 0) return false;
    const numbers = db
      .prepare(
        `SELECT DISTINCT e164 FROM phones WHERE contact_id IN (SELECT value FROM json_each(?)) AND e164 IS NOT NULL`,
      )
      .pluck()
      .all(JSON.stringify(changed)) as string[];
    recountNumbers(db, numbers, now);
    return true;
  })();
}

export interface ContactWithPhones {
  id: number;
  name: string;
  excluded: boolean;
  source: string;
  line: number;
  phones: Array<
    Pick<PhoneRow, 'raw' | 'label' | 'e164' | 'candidate' | 'ext' | 'status' | 'reason'> & { to_check?: string | null }
  >;
}

/** Every contact with its phones, in the order the app lists them (by sort key). */
export function listContacts(db: Db): ContactWithPhones[] {
  const contacts = db
    .prepare(
      `SELECT c.id, c.name, c.excluded, c.line, s.path AS source FROM contacts c JOIN sources s ON s.id = c.source_id
       ORDER BY c.sort_name, c.id`,
    )
    .all() as Array<Pick<ContactRow, 'id' | 'name' | 'excluded' | 'line'> & { source: string }>;
  const phones = db
    .prepare(
      `SELECT contact_id, raw, label, e164, candidate, ext, status, reason, to_check FROM phones
       ORDER BY contact_id, position`,
    )
    .all() as Array<PhoneRow>;
  const byContact = new Map<number, ContactWithPhones['phones']>();
  for (const { contact_id, raw, label, e164, candidate, ext, status, reason, to_check } of phones) {
    let list = byContact.get(contact_id);
    if (!list) byContact.set(contact_id, (list = []));
    list.push({ raw, label, e164, candidate, ext, status, reason, to_check });
  }
  return contacts.map((c) => ({
    id: c.id,
    name: c.name,
    excluded: c.excluded === 1,
    source: c.source,
    line: c.line,
    phones: byContact.get(c.id) ?? [],
  }));
}

export interface PhoneCounts {
  valid: number;
  possible: number;
  invalid: number;
}

export function phoneCounts(db: Db, sourceId?: number): PhoneCounts {
  const rows = (
    sourceId === undefined
      ? db.prepare('SELECT status, count(*) AS n FROM phones GROUP BY status').all()
      : db
          .prepare(
            `SELECT p.status, count(*) AS n FROM phones p JOIN contacts c ON c.id = p.contact_id
             WHERE c.source_id = ? GROUP BY p.status`,
          )
          .all(sourceId)
  ) as Array<{ status: keyof PhoneCounts; n: number }>;
  const counts: PhoneCounts = { valid: 0, possible: 0, invalid: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export function contactCount(db: Db, sourceId?: number): number {
  const row = (
    sourceId === undefined
      ? db.prepare('SELECT count(*) AS n FROM contacts').get()
      : db.prepare('SELECT count(*) AS n FROM contacts WHERE source_id = ?').get(sourceId)
  ) as { n: number };
  return row.n;
}
