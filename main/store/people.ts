/**
 * People: the cards of one person, from one file or several, shown as one.
 *
 * Contacts whose folded names match (`sort_name`, see sort-key.ts) and that share a valid number are one person, and
 * so on transitively: A shares a number with B, B with C, so A, B and C are one. A contact without a name or without a
 * valid number is a person alone, as is one the user split apart (`people_apart`).
 *
 * `contacts.person_id` holds the smallest contact id of the person, for every contact but that one; NULL means the
 * contact heads its own person. So a person's id is `coalesce(person_id, id)`, and a person alone costs no write.
 * Only the names touched since the last time are worked out again (see migration 011).
 */
import { setContactsExcluded } from './contacts.ts';
import type { Db } from './open.ts';
import { shownContactSql } from './shown-contact.ts';
import { sortKey } from './sort-key.ts';
import { cachedStatement } from './statements.ts';

/** The sort key of a contact without a name: such contacts never group. */
const NO_NAME = sortKey('');

/** A contact's person, as SQL over contacts `c`. */
export const PERSON_OF = 'coalesce(c.person_id, c.id)';

interface Member {
  id: number;
  name: string;
  person: number | null;
  apart: number;
}

/** Which names changed since the last regrouping; cheap when none did, which is what every read checks first. */
function pending(db: Db): { seen: number; last: number } | null {
  const seen = cachedStatement(db, 'SELECT seen FROM people_state').pluck().get() as number;
  const last = (cachedStatement(db, 'SELECT max(id) FROM contacts').pluck().get() as number | null) ?? 0;
  const dirty = cachedStatement(db, 'SELECT EXISTS (SELECT 1 FROM people_dirty)').pluck().get() as number;
  return dirty === 0 && last <= seen ? null : { seen, last };
}

/**
 * Works out again the people of every name touched since the last time; returns how many contacts changed person.
 * Safe to call at any time, also inside another transaction (its writes then go with that transaction).
 */
export function regroupPeople(db: Db): number {
  const todo = pending(db);
  if (!todo) return 0;
  return db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO people_dirty (sort_name) SELECT sort_name FROM contacts WHERE id > ?').run(
      todo.seen,
    );
    const members = db
      .prepare(
        `SELECT c.id, c.sort_name AS name, c.person_id AS person, (a.contact_id IS NOT NULL) AS apart
         FROM people_dirty d JOIN contacts c ON c.sort_name = d.sort_name
         LEFT JOIN people_apart a ON a.contact_id = c.id
         ORDER BY c.sort_name, c.id`,
      )
      .all() as Member[];
    // Only names held by several contacts can group; the phones of the others are not read.
    const several: string[] = [];
    for (let i = 1; i < members.length; i++) {
      const name = members[i]!.name;
      if (name === members[i - 1]!.name && name !== NO_NAME && several.at(-1) !== name) several.push(name);
    }
    const phones =
      several.length === 0
        ? []
        : (db
            .prepare(
              `SELECT p.contact_id AS id, p.e164 FROM json_each(?) n JOIN contacts c ON c.sort_name = n.value
               JOIN phones p ON p.contact_id = c.id WHERE p.e164 IS NOT NULL`,
            )
            .all(JSON.stringify(several)) as Array<{ id: number; e164: string }>);
    const wanted = groups(members, phones);
    const set = db.prepare('UPDATE contacts SET person_id = ? WHERE id = ?');
    let changed = 0;
    for (const m of members) {
      const person = wanted.get(m.id) ?? null;
      if (person !== m.person) {
        set.run(person, m.id);
        changed++;
      }
    }
    db.exec('DELETE FROM people_dirty');
    db.prepare('UPDATE people_state SET seen = ?').run(todo.last);
    return changed;
  })();
}

/**
 * Union-find over shared numbers within each name: contact id → the smallest id of its person, for contacts that are
 * not that smallest one. Members come sorted by name, then id.
 */
function groups(members: readonly Member[], phones: ReadonlyArray<{ id: number; e164: string }>): Map<number, number> {
  const parent = new Map<number, number>();
  const nameOf = new Map<number, string>();
  for (const m of members) {
    if (m.name === NO_NAME || m.apart === 1) continue;
    parent.set(m.id, m.id);
    nameOf.set(m.id, m.name);
  }
  const root = (id: number): number => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    for (let x = id; x !== r;) {
      const next = parent.get(x)!;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  const holder = new Map<string, number>();
  for (const { id, e164 } of phones) {
    if (!parent.has(id)) continue;
    const key = `${nameOf.get(id)!}\u0000${e164}`;
    const other = holder.get(key);
    if (other === undefined) {
      holder.set(key, id);
      continue;
    }
    const a = root(id);
    const b = root(other);
    // The smaller id stays the root, so the root is the person's id.
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
  }
  const wanted = new Map<number, number>();
  for (const id of parent.keys()) {
    const r = root(id);
    if (r !== id) wanted.set(id, r);
  }
  return wanted;
}

/** The contacts of the person `contactId` belongs to, first one first; empty when there is no such contact. */
export function personMembers(db: Db, contactId: number): number[] {
  regroupPeople(db);
  return cachedStatement(
    db,
    `SELECT m.id FROM contacts c JOIN contacts m ON m.id = ${PERSON_OF} OR m.person_id = ${PERSON_OF}
     WHERE c.id = ? ORDER BY m.id`,
  )
    .pluck()
    .all(contactId) as number[];
}

/** Each contact's person id, for listings of contacts. */
export function personIds(db: Db): Map<number, number> {
  regroupPeople(db);
  const rows = db.prepare(`SELECT c.id, ${PERSON_OF} AS person FROM contacts c`).raw().all() as Array<[number, number]>;
  return new Map(rows);
}

/**
 * Splits a contact from the person it is shown in (`apart`), or lets it join its person again. Remembered with the
 * contact, so through re-imports of its file; returns false when nothing changed.
 */
export function setContactApart(db: Db, contactId: number, apart: boolean, now: number): boolean {
  return db.transaction(() => {
    const changed = apart
      ? db
          .prepare('INSERT OR IGNORE INTO people_apart (contact_id, split_at) SELECT id, ? FROM contacts WHERE id = ?')
          .run(now, contactId).changes
      : db.prepare('DELETE FROM people_apart WHERE contact_id = ?').run(contactId).changes;
    if (changed === 0) return false;
    db.prepare('INSERT OR IGNORE INTO people_dirty (sort_name) SELECT sort_name FROM contacts WHERE id = ?').run(
      contactId,
    );
    regroupPeople(db);
    return true;
  })();
}

/** Excludes (or includes) every contact of a person; true when any changed. */
export function setPersonExcluded(db: Db, contactId: number, excluded: boolean, now: number): boolean {
  return setContactsExcluded(db, personMembers(db, contactId), excluded, now);
}

/**
 * The person whose saved name a number is shown under: that of the contact chosen as main/sync/names.ts chooses it
 * (see shown-contact.ts), or null.
 */
export function numberPerson(db: Db): (e164: string) => number | null {
  regroupPeople(db);
  const find = cachedStatement(db, shownContactSql('?', PERSON_OF)).pluck();
  return (e164) => (find.get(e164) as number | undefined) ?? null;
}

/** How many people the store shows: what every count in the app counts. */
export function peopleCount(db: Db, sourceId?: number): number {
  regroupPeople(db);
  return (
    sourceId === undefined
      ? cachedStatement(db, 'SELECT count(*) FROM contacts WHERE person_id IS NULL').pluck().get()
      : cachedStatement(db, `SELECT count(DISTINCT ${PERSON_OF}) FROM contacts c WHERE c.source_id = ?`)
          .pluck()
          .get(sourceId)
  ) as number;
}
