import type { Migration } from './types.ts';

/**
 * Contacts sort and are searched by a folded form of their name (see sort-key.ts): "Élodie" among the e's, "jose"
 * finding "José". The existing rows are filled in with the same function, registered on every connection.
 */
export const sortKeys: Migration = {
  version: 5,
  name: 'sort-keys',
  sql: `ALTER TABLE contacts ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
UPDATE contacts SET sort_name = kith_sort_key(name);
DROP INDEX contacts_name;
CREATE INDEX contacts_sort ON contacts(sort_name, id);`,
};
