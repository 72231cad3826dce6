import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../import/importer.ts';
import { applyRegionChoice } from '../import/region.ts';
import { tempDir } from '../testing/tmp.ts';
import { numberDiscrepancies } from './numbers.ts';
import { openStore, type Db } from './open.ts';
import { numberPerson, peopleCount, personIds, personMembers, regroupPeople, setContactApart } from './people.ts';
import { removeSource } from './sources.ts';

function card(name: string, ...tels: string[]): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, ...tels.map((t) => `TEL;TYPE=CELL:${t}`), 'END:VCARD'].join(
    '\r\n',
  );
}

describe('people', () => {
  let db: Db;
  let dir: string;
  const write = (file: string, ...cards: string[]): string => {
    const path = join(dir, file);
    writeFileSync(path, cards.join('\r\n') + '\r\n');
    return path;
  };
  const idOf = (name: string, nth = 0): number =>
    (db.prepare('SELECT id FROM contacts WHERE name = ? ORDER BY id').pluck().all(name) as number[])[nth]!;
  /** The people as sets of names with their first number, sorted. */
  const people = (): string[][] => {
    const byPerson = new Map<number, string[]>();
    const first = db.prepare('SELECT raw FROM phones WHERE contact_id = ? ORDER BY position LIMIT 1').pluck();
    const name = db.prepare('SELECT name FROM contacts WHERE id = ?').pluck();
    for (const [id, person] of personIds(db)) {
      const list = byPerson.get(person) ?? [];
      list.push(`${name.get(id) as string} ${(first.get(id) as string | undefined) ?? '-'}`);
      byPerson.set(person, list);
    }
    return [...byPerson.values()].map((l) => l.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
  };

  beforeEach(() => {
    dir = tempDir();
    db = openStore(join(dir, 'kith.db'));
    return () => db.close();
  });

  it('groups cards with the same folded name that share a number, transitively', async () => {
    const path = write(
      'book.vcf',
      card('Dr. Erika Mustermann', '07400 100001', '07400 100002'),
      card('dr. erika mustermann', '+44 7400 100001'),
      card('Dr. Érika Mustermann', '07400 100002'),
      card('Dr. Erika Mustermann', '07400 100009'),
    );
    await importFile(db, path, { region: 'GB' });
    expect(people()).toEqual([
      [
        'Dr. Erika Mustermann 07400 100001',
        'Dr. Érika Mustermann 07400 100002',
        'dr. erika mustermann +44 7400 100001',
      ],
      ['Dr. Erika Mustermann 07400 100009'],
    ]);
    expect(peopleCount(db)).toBe(2);
    // The person's id is its first contact's.
    expect(personMembers(db, idOf('Dr. Érika Mustermann'))).toEqual([
      idOf('Dr. Erika Mustermann'),
      idOf('dr. erika mustermann'),
      idOf('Dr. Érika Mustermann'),
    ]);
  });

  it('keeps apart different names with one number, and one name without a shared number', async () => {
    const path = write(
      'book.vcf',
      card('Anna Berg', '07400 100001'),
      card('Anna Bergman', '07400 100001'),
      card('Anna Berg', '07400 100003'),
      card('', '07400 100001'),
      card('', '07400 100001'),
      card('Anna Berg', 'not a number'),
    );
    await importFile(db, path, { region: 'GB' });
    expect(peopleCount(db)).toBe(6);
  });

  it('remembers a split through re-imports, and a join again', async () => {
    const cards = [card('Erika', '07400 100001', '07400 100002'), card('Erika', '07400 100001')];
    const path = write('book.vcf', ...cards);
    await importFile(db, path, { region: 'GB' });
    expect(peopleCount(db)).toBe(1);
    const second = idOf('Erika', 1);
    expect(setContactApart(db, second, true, 1)).toBe(true);
    expect(peopleCount(db)).toBe(2);
    // The same cards, and one more that shares a number: the split card stays apart.
    write('book.vcf', ...cards, card('Erika', '07400 100002'));
    await importFile(db, path, { region: 'GB' });
    expect(idOf('Erika', 1)).toBe(second);
    expect(people()).toEqual([['Erika 07400 100001', 'Erika 07400 100002'], ['Erika 07400 100001']]);
    expect(setContactApart(db, second, false, 2)).toBe(true);
    expect(peopleCount(db)).toBe(1);
  });

  it('regroups when a source is removed, a card changes, or numbers read differently', async () => {
    const a = write('a.vcf', card('Erika', '07400 100001'), card('Erika', '07400 100002'));
    const b = write('b.vcf', card('Erika', '07400 100001', '07400 100002'));
    await importFile(db, a, { region: 'GB' });
    expect(peopleCount(db)).toBe(2);
    await importFile(db, b, { region: 'GB' });
    expect(peopleCount(db)).toBe(1);
    const sourceB = db.prepare('SELECT id FROM sources WHERE path LIKE ?').pluck().get('%b.vcf') as number;
    removeSource(db, sourceB, 1);
    expect(peopleCount(db)).toBe(2);

    // A changed card: the numbers it shared are gone.
    write('a.vcf', card('Erika', '07400 100001'), card('Erika', '07400 100001'));
    await importFile(db, a, { region: 'GB' });
    expect(peopleCount(db)).toBe(1);
    write('a.vcf', card('Erika', '07400 100001'), card('Erika', '07400 100005'));
    await importFile(db, a, { region: 'GB' });
    expect(peopleCount(db)).toBe(2);
    expect(numberDiscrepancies(db)).toEqual([]);
  });

  it('works out again only the names of the contacts a removed source held', async () => {
    const old = write('old.vcf', card('Erika', '07400 100001'), card('Max', '07400 100002'));
    const big = write(
      'big.vcf',
      ...Array.from({ length: 50 }, (_, i) => card(`Person ${i}`, `07400 2${String(i).padStart(5, '0')}`)),
      card('Erika', '07400 100001'),
    );
    await importFile(db, old, { region: 'GB' });
    await importFile(db, big, { region: 'GB' });
    // The two Erikas are one person.
    expect(peopleCount(db)).toBe(52);
    const seen = db.prepare('SELECT seen FROM people_state').pluck().get() as number;
    const sourceOld = db.prepare('SELECT id FROM sources WHERE path LIKE ?').pluck().get('%old.vcf') as number;
    removeSource(db, sourceOld, 1);
    // Its two names, and no contact stored after them.
    expect(db.prepare('SELECT sort_name FROM people_dirty').pluck().all()).toHaveLength(2);
    expect(db.prepare('SELECT seen FROM people_state').pluck().get()).toBe(seen);
    expect(peopleCount(db)).toBe(51);
    expect(db.prepare('SELECT count(*) FROM people_dirty').pluck().get()).toBe(0);
  });

  it('notes a new contact that takes the id of the last one removed', async () => {
    const a = write('a.vcf', card('Erika', '07400 100001'));
    const b = write('b.vcf', card('Erika', '07400 100002'));
    await importFile(db, a, { region: 'GB' });
    await importFile(db, b, { region: 'GB' });
    expect(peopleCount(db)).toBe(2);
    const lastId = idOf('Erika', 1);
    const sourceB = db.prepare('SELECT id FROM sources WHERE path LIKE ?').pluck().get('%b.vcf') as number;
    removeSource(db, sourceB, 1);
    expect(peopleCount(db)).toBe(1);
    // The same id again, now a card of the same person: it must be grouped, not taken as seen.
    write('b.vcf', card('Erika', '07400 100001'));
    await importFile(db, b, { region: 'GB' });
    expect(idOf('Erika', 1)).toBe(lastId);
    expect(peopleCount(db)).toBe(1);
  });

  it('names the person a joined number is shown under', async () => {
    const path = write('book.vcf', card('Erika', '07400 100001'), card('erika', '07400 100001', '07400 100002'));
    await importFile(db, path, { region: 'GB' });
    const personOf = numberPerson(db);
    expect(personOf('+447400100002')).toBe(idOf('Erika'));
    expect(personOf('+447400100001')).toBe(idOf('Erika'));
    expect(personOf('+447400100009')).toBeNull();
  });

  it('regroups when a new home country reads numbers otherwise', async () => {
    // Read in GB these are two numbers; read in DE, "+49 30 1234567" and "030 1234567" are one.
    const path = write('book.vcf', card('Erika', '+49 30 1234567'), card('Erika', '030 1234567'));
    await importFile(db, path, { region: 'GB' });
    expect(peopleCount(db)).toBe(2);
    applyRegionChoice(db, { region: 'DE' });
    expect(peopleCount(db)).toBe(1);
  });

  it('works out 20,000 contacts at once, and all of them again', () => {
    const insert = db.prepare(
      `INSERT INTO contacts (source_id, key, digest, line, name, sort_name, created_at, updated_at)
       VALUES (1, ?, '', 1, ?, ?, 0, 0)`,
    );
    const phone = db.prepare(
      `INSERT INTO phones (contact_id, position, raw, label, e164, status, reason) VALUES (?, 0, '', '', ?, 'valid', '')`,
    );
    db.prepare(
      `INSERT INTO sources (id, kind, path, format, file_hash, imported_at) VALUES (1, 'file', 'x', 'vcard', '', 0)`,
    ).run();
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        // Every tenth name twice, with one number: 18,000 people.
        const n = i % 10 === 9 ? i - 1 : i;
        const { lastInsertRowid } = insert.run(`k${i}`, `Name ${n}`, `name ${n}`);
        phone.run(lastInsertRowid, `+4474001${String(n).padStart(5, '0')}`);
      }
    })();
    regroupPeople(db);
    expect(peopleCount(db)).toBe(18_000);
    // All of them again, as after a migration.
    db.exec('UPDATE contacts SET person_id = NULL; UPDATE people_state SET seen = 0');
    regroupPeople(db);
    expect(peopleCount(db)).toBe(18_000);
    // Its time is measured by `npm run bench people`.
  });
});
