import type { Migration } from './types.ts';

/** The app lists contacts in name order a window at a time; without this index a deep window sorts the whole table. */
export const contactsByName: Migration = {
  version: 3,
  name: 'contacts-by-name',
  sql: `CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE, id);`,
};
