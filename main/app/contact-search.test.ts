import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateVcards } from '../../bench/generate.ts';
import { importFile } from '../import/importer.ts';
import { numberQueryPrefixes, numberSearchKeys } from '../phone/search-keys.ts';
import { openStore, type Db } from '../store/open.ts';
import { tempDir } from '../testing/tmp.ts';
import { contactPage } from './contact-query.ts';
import { searchClause } from './contact-search.ts';

function card(name: string, ...tels: string[]): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, ...tels.map((t) => `TEL;TYPE=CELL:${t}`), 'END:VCARD'].join(
    '\r\n',
  );
}

describe('searching contacts by number', () => {
  let db: Db;
  const names = (search: string) =>
    contactPage(db, { offset: 0, limit: 100, search, filter: 'all' }).rows.map((r) => r.name);

  beforeEach(async () => {
    const dir = tempDir();
    db = openStore(join(dir, 'kith.db'));
    db.prepare(`INSERT INTO settings (key, value) VALUES ('region', 'GB')`).run();
    const path = join(dir, 'book.vcf');
    writeFileSync(
      path,
      [
        card('Erika Mustermann', '07400 015000'),
        card('Erika Other', '07900 123456'),
        card('Max Muster', '07400 777888', '+49 151 41632683'),
        card('Flat 2', '020 7946 0000'),
        card('Pat Toronto', '+1 (905) 555-1234'),
        card('Lee Invalid', '0905 555'),
      ].join('\r\n') + '\r\n',
    );
    await importFile(db, path, { region: 'GB' });
    return () => db.close();
  });

  it('finds a number typed as the list shows it, or in any other form', () => {
    expect(names('07400 015000')).toEqual(['Erika Mustermann']);
    expect(names('07400015000')).toEqual(['Erika Mustermann']);
    expect(names('7400 015000')).toEqual(['Erika Mustermann']);
    expect(names('+44 7400 015000')).toEqual(['Erika Mustermann']);
    expect(names('0044 7400 015')).toEqual(['Erika Mustermann']);
    expect(names('(07400) 015-000')).toEqual(['Erika Mustermann']);
    expect(names('+1 905 555')).toEqual(['Pat Toronto']);
    expect(names('(905) 555-1234')).toEqual(['Pat Toronto']);
    expect(names('0049 151')).toEqual(['Max Muster']);
  });

  it('narrows the list as the digits are typed', () => {
    expect(names('0')).toEqual([
      'Erika Mustermann',
      'Erika Other',
      'Flat 2',
      'Lee Invalid',
      'Max Muster',
      'Pat Toronto',
    ]);
    expect(names('07')).toEqual(['Erika Mustermann', 'Erika Other', 'Max Muster']);
    expect(names('0740')).toEqual(['Erika Mustermann', 'Max Muster']);
    expect(names('07400 0')).toEqual(['Erika Mustermann']);
  });

  it('finds an invalid number by its digits', () => {
    expect(names('0905 555')).toEqual(['Lee Invalid']);
    expect(names('0905')).toEqual(['Lee Invalid']);
  });

  it('searches names for text with letters, and both for a name with digits', () => {
    expect(names('erika')).toEqual(['Erika Mustermann', 'Erika Other']);
    expect(names('Erika 0740')).toEqual(['Erika Mustermann']);
    expect(names('0790 erika')).toEqual(['Erika Other']);
    expect(names('muster 0049')).toEqual(['Max Muster']);
    // The whole text in a name still finds it, whatever its numbers start with.
    expect(names('Flat 2')).toEqual(['Flat 2']);
    expect(names('Erika 0800')).toEqual([]);
  });

  it('does not find a number by digits from its middle', () => {
    expect(names('015000')).toEqual([]);
  });

  it('looks a few matches up by ranges of the key index, and tests keys by contact within a name search', () => {
    const plan = (text: string) => {
      const { sql, params } = searchClause(db, text);
      return db
        .prepare(`EXPLAIN QUERY PLAN SELECT c.id FROM contacts c WHERE ${sql} ORDER BY c.sort_name, c.id LIMIT 100`)
        .all(params)
        .map((r) => (r as { detail: string }).detail);
    };
    for (const text of ['07400 015000', '0', '0044 7400']) {
      expect(plan(text), text).toContain('SEARCH number_keys USING COVERING INDEX number_keys_key (key>? AND key<?)');
      expect(
        plan(text).filter((d) => /SCAN number_keys/.test(d)),
        text,
      ).toEqual([]);
    }
    expect(plan('Erika 0740')).toContain('SEARCH k USING PRIMARY KEY (contact_id=?)');
  });
});

describe('searching many contacts by number', () => {
  it('finds exactly the contacts with a number that starts so, however many match', async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'kith.db'));
    const path = join(dir, 'many.vcf');
    writeFileSync(path, generateVcards(4000).text);
    await importFile(db, path, { region: 'GB' });
    const phones = (
      db.prepare('SELECT contact_id, raw, e164, candidate FROM phones').all() as Array<{
        contact_id: number;
        raw: string;
        e164: string | null;
        candidate: string | null;
      }>
    ).map((p) => ({ id: p.contact_id, keys: numberSearchKeys(p.raw, p.e164, p.candidate) }));
    const expected = (text: string): number[] => {
      const prefixes = numberQueryPrefixes(text)!;
      const ids = phones.filter((p) => p.keys.some((k) => prefixes.some((q) => k.startsWith(q)))).map((p) => p.id);
      return [...new Set(ids)].sort((a, b) => a - b);
    };
    const kinds = new Set<string>();
    for (const text of ['0', '00', '07', '+44 7', '1', '44', '0740', '+1 2', '07400 9']) {
      const want = expected(text);
      const page = contactPage(db, { offset: 0, limit: 100_000, search: text, filter: 'all' });
      expect(
        page.rows.map((r) => r.id).sort((a, b) => a - b),
        text,
      ).toEqual(want);
      // A short page needs no count; a full one is counted.
      expect(contactPage(db, { offset: 0, limit: 10, search: text, filter: 'all' }).total, text).toBe(want.length);
      const { sql, countSql } = searchClause(db, text);
      kinds.add(
        `${sql.startsWith('EXISTS') ? 'by contact' : 'by index'}, counted ${countSql.startsWith('EXISTS') ? 'by contact' : 'by index'}`,
      );
    }
    // Every way of reading matches was taken.
    expect([...kinds].sort()).toEqual([
      'by contact, counted by contact',
      'by contact, counted by index',
      'by index, counted by index',
    ]);
    db.close();
  });
});
