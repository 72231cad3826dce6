import type { Migration } from './types.ts';

/**
 * Search keys for numbers: per phone, every digit string a person could type for it (main/phone/search-keys.ts), so
 * that a search is one range scan of `number_keys_key` whatever form the number is typed in.
 *
 * The keys of stored phones are worked out here with `kith_number_keys`, the function registered on every connection.
 * New phones get theirs from the writer, which has them from the import's threads. A phone whose raw text, E.164 form
 * or candidate changes (a new default region, a country the user chose) gets new keys by trigger, and a phone that
 * goes (with its contact or source) takes its keys with it, whichever code path changed it.
 */
export const numberKeys: Migration = {
  version: 8,
  name: 'number-keys',
  sql: `
CREATE TABLE number_keys (
  contact_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (contact_id, position, key)
) WITHOUT ROWID;
INSERT INTO number_keys (contact_id, position, key)
  SELECT p.contact_id, p.position, k.value FROM phones p, json_each(kith_number_keys(p.raw, p.e164, p.candidate)) k;
CREATE INDEX number_keys_key ON number_keys(key);

CREATE TRIGGER phones_number_keys_update AFTER UPDATE OF raw, e164, candidate ON phones
WHEN old.raw IS NOT new.raw OR old.e164 IS NOT new.e164 OR old.candidate IS NOT new.candidate
BEGIN
  DELETE FROM number_keys WHERE contact_id = old.contact_id AND position = old.position;
  INSERT INTO number_keys (contact_id, position, key)
    SELECT new.contact_id, new.position, value FROM json_each(kith_number_keys(new.raw, new.e164, new.candidate));
END;

CREATE TRIGGER phones_number_keys_delete AFTER DELETE ON phones
BEGIN
  DELETE FROM number_keys WHERE contact_id = old.contact_id AND position = old.position;
END;
`,
};
