import type { Migration } from './types.ts';

/**
 * Deleting a contact regroups only its name. Migration 011's delete trigger moved `people_state.seen` below every
 * deleted id, so removing one old contact made the next read work out again every contact stored after it.
 *
 * `seen` only has to move when the largest ids are gone: contact ids are reused (contacts has no AUTOINCREMENT), so a
 * new contact could then get an id at or below `seen` and be missed. Every other delete notes the deleted name alone.
 */
export const peopleTriggers: Migration = {
  version: 14,
  name: 'people-triggers',
  sql: `
DROP TRIGGER contacts_people_delete;
CREATE TRIGGER contacts_people_delete AFTER DELETE ON contacts
BEGIN
  INSERT OR IGNORE INTO people_dirty (sort_name) VALUES (old.sort_name);
  UPDATE people_state SET seen = (SELECT coalesce(max(id), 0) FROM contacts)
  WHERE seen > (SELECT coalesce(max(id), 0) FROM contacts);
END;
`,
};
