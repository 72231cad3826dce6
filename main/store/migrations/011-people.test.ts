import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberSearchKeys } from '../../phone/search-keys.ts';
import { tempDir } from '../../testing/tmp.ts';
import { openStore } from '../open.ts';
import { peopleCount } from '../people.ts';
import { sortKey } from '../sort-key.ts';
import { migrations } from './index.ts';
import { people } from './011-people.ts';

describe('migration people', () => {
  it('leaves the grouping of stored contacts to the first read, which works out every one', () => {
    const path = join(tempDir(), 'kith.db');
    // A store as the version before left it.
    const before = people.version - 1;
    const raw = new Database(path);
    raw.function('kith_sort_key', { deterministic: true }, (name) => sortKey(String(name)));
    raw.function('kith_number_keys', { deterministic: true }, (text, e164, candidate) =>
      JSON.stringify(numberSearchKeys(String(text), e164 === null ? null : String(e164), candidate as string | null)),
    );
    for (const step of migrations.slice(0, before)) raw.exec(step.sql);
    raw.pragma(`user_version = ${before}`);
    raw.exec(`INSERT INTO sources (id, path, kind, file_hash, imported_at) VALUES (1, 'a.vcf', 'vcard', 'h', 0)`);
    const contact = raw.prepare(
      `INSERT INTO contacts (source_id, key, digest, line, name, sort_name, created_at, updated_at)
       VALUES (1, ?, 'd', 1, ?, ?, 0, 0)`,
    );
    const phone = raw.prepare(
      `INSERT INTO phones (contact_id, position, raw, label, e164, status, reason)
       VALUES (?, 0, ?, '', ?, 'valid', '')`,
    );
    for (const [key, name, e164] of [
      ['a', 'Erika', '+447400100001'],
      ['b', 'erika', '+447400100001'],
      ['c', 'Max', '+447400100002'],
    ] as const) {
      phone.run(contact.run(key, name, sortKey(name)).lastInsertRowid, e164, e164);
    }
    raw.close();

    const db = openStore(path);
    // The upgrade itself ran no grouping code: nothing is grouped yet, and everything is still to be worked out.
    expect(db.prepare('SELECT count(*) FROM contacts WHERE person_id IS NOT NULL').pluck().get()).toBe(0);
    expect(db.prepare('SELECT seen FROM people_state').pluck().get()).toBe(0);
    expect(peopleCount(db)).toBe(2);
    db.close();
  });
});
