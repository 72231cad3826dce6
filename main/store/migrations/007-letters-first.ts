import type { Migration } from './types.ts';

/**
 * Names that start with a digit or a symbol now sort after those that start with a letter, and contacts with no
 * name last (see sort-key.ts): every sort key is worked out again. Contacts with neither a name nor a phone, which
 * imports no longer store, are dropped; having no phones, they hold no numbers to recount.
 */
export const lettersFirst: Migration = {
  version: 7,
  name: 'letters-first',
  sql: `DELETE FROM contacts WHERE trim(name) = '' AND NOT EXISTS (SELECT 1 FROM phones WHERE contact_id = contacts.id);
UPDATE contacts SET sort_name = kith_sort_key(name);`,
};
