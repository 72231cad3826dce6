import type { Migration } from './types.ts';

/**
 * People: contacts with the same folded name (`sort_name`) that share a valid number are one person, shown once.
 *
 * `contacts.person_id` is the id of the first contact (smallest id) of the person the contact belongs to, or NULL for
 * that first contact and for a contact that is a person alone (most are: a new contact needs no write). See
 * main/store/people.ts, which works the groups out.
 *
 * Which names to work out again is kept cheaply: contacts above `people_state.seen` are new since the last time;
 * triggers note the names of updated, removed and renumbered contacts in `people_dirty`, whichever code path changed
 * them. `people_apart` holds the contacts the user split from their person; it goes with the contact.
 *
 * Nothing is grouped here: `seen` starts at 0, so the first read works out every contact (see regroupPeople). A
 * migration never calls the app's code, which may by then rely on columns later migrations add. Migration 014
 * replaces the delete trigger.
 */
export const people: Migration = {
  version: 11,
  name: 'people',
  sql: `
ALTER TABLE contacts ADD COLUMN person_id INTEGER;
CREATE INDEX contacts_person ON contacts(person_id) WHERE person_id IS NOT NULL;

CREATE TABLE people_apart (
  contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  split_at INTEGER NOT NULL
);
CREATE TABLE people_dirty (sort_name TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE people_state (id INTEGER PRIMARY KEY CHECK (id = 1), seen INTEGER NOT NULL);
INSERT INTO people_state (id, seen) VALUES (1, 0);

CREATE TRIGGER contacts_people_update AFTER UPDATE OF digest, sort_name ON contacts
BEGIN
  INSERT OR IGNORE INTO people_dirty (sort_name) VALUES (old.sort_name), (new.sort_name);
END;
CREATE TRIGGER contacts_people_delete AFTER DELETE ON contacts
BEGIN
  INSERT OR IGNORE INTO people_dirty (sort_name) VALUES (old.sort_name);
  UPDATE people_state SET seen = old.id - 1 WHERE seen >= old.id;
END;
CREATE TRIGGER phones_people_update AFTER UPDATE OF e164 ON phones
WHEN old.e164 IS NOT new.e164
BEGIN
  INSERT OR IGNORE INTO people_dirty (sort_name) SELECT sort_name FROM contacts WHERE id = new.contact_id;
END;
`,
};
