import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../import/importer.ts';
import { setExcluded } from '../store/contacts.ts';
import { openStore, type Db } from '../store/open.ts';
import { setExclusion } from '../sync/exclusions.ts';
import { tempDir } from '../testing/tmp.ts';
import type { ContactQuery } from '../ipc/contract.ts';
import { contactDetail, contactPage } from './contact-query.ts';

function card(name: string, ...tels: string[]): string {
  return ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, ...tels.map((t) => `TEL;TYPE=CELL:${t}`), 'END:VCARD'].join(
    '\r\n',
  );
}

describe('contactPage', () => {
  let db: Db;
  const names = (query: Partial<ContactQuery>) =>
    contactPage(db, { offset: 0, limit: 100, search: '', filter: 'all', ...query }).rows.map((r) => r.name);

  beforeEach(async () => {
    const dir = tempDir();
    db = openStore(join(dir, 'kith.db'));
    const path = join(dir, 'book.vcf');
    writeFileSync(
      path,
      [
        card('Anita Sharma', '07400 123456'),
        card('ben okafor', '07400 123457', '112'),
        card('Chen Wei', '07400 123458'),
        card('Dana Noor', '07400 123459'),
        card('<img src=x onerror=alert(1)>', '07400 123460'),
      ].join('\r\n') + '\r\n',
    );
    await importFile(db, path, { region: 'GB' });
    // Anita and Chen use Kith; Chen's contact is excluded, Dana's number is.
    db.prepare(`UPDATE numbers SET registered_user_id = 'u' WHERE e164 IN ('+447400123456', '+447400123458')`).run();
    const chen = db.prepare(`SELECT id FROM contacts WHERE name = 'Chen Wei'`).pluck().get() as number;
    setExcluded(db, chen, true, 1);
    setExclusion(db, '+447400123459', true, 1);
    return () => db.close();
  });

  it('pages through contacts in name order, ignoring case, names that start with a symbol last', () => {
    expect(names({})).toEqual(['Anita Sharma', 'ben okafor', 'Chen Wei', 'Dana Noor', '<img src=x onerror=alert(1)>']);
    const page = contactPage(db, { offset: 1, limit: 2, search: '', filter: 'all' });
    expect(page).toMatchObject({ total: 5, offset: 1 });
    expect(page.rows.map((r) => r.name)).toEqual(['ben okafor', 'Chen Wei']);
  });

  it('filters by Kith use, number status and exclusion', () => {
    expect(names({ filter: 'on-kith' })).toEqual(['Anita Sharma']);
    // An excluded contact's numbers are off the server, so Chen counts as not on Kith.
    expect(names({ filter: 'not-on-kith' })).toEqual([
      'ben okafor',
      'Chen Wei',
      'Dana Noor',
      '<img src=x onerror=alert(1)>',
    ]);
    expect(names({ filter: 'invalid' })).toEqual(['ben okafor']);
    expect(names({ filter: 'excluded' })).toEqual(['Chen Wei', 'Dana Noor']);
  });

  it('marks rows on Kith only when the contact is not excluded, with the worst status', () => {
    const rows = contactPage(db, { offset: 0, limit: 10, search: '', filter: 'all' }).rows;
    const by = (name: string) => rows.find((r) => r.name === name)!;
    expect(by('Anita Sharma')).toMatchObject({ onKith: true, excluded: false, status: 'valid', phones: 1 });
    expect(by('Chen Wei')).toMatchObject({ onKith: false, excluded: true });
    expect(by('ben okafor')).toMatchObject({ status: 'invalid', phones: 2 });
  });

  it('searches names and numbers, combined with a filter', () => {
    expect(names({ search: 'SHARMA' })).toEqual(['Anita Sharma']);
    expect(names({ search: '07400 123457' })).toEqual(['ben okafor']);
    expect(names({ search: '07400 12345' })).toEqual(['Anita Sharma', 'ben okafor', 'Chen Wei', 'Dana Noor']);
    expect(names({ search: 'a', filter: 'excluded' })).toEqual(['Dana Noor']);
    expect(names({ search: '<img' })).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('sorts and searches names without regard to accents', async () => {
    const dir = tempDir();
    const path = join(dir, 'accents.vcf');
    writeFileSync(path, [card('Élodie Brun', '07400 123470'), card('Zoë Faure', '07400 123471')].join('\r\n') + '\r\n');
    await importFile(db, path, { region: 'GB' });
    expect(names({})).toEqual([
      'Anita Sharma',
      'ben okafor',
      'Chen Wei',
      'Dana Noor',
      'Élodie Brun',
      'Zoë Faure',
      '<img src=x onerror=alert(1)>',
    ]);
    expect(names({ search: 'elodie' })).toEqual(['Élodie Brun']);
    expect(names({ search: 'ÉLO' })).toEqual(['Élodie Brun']);
    expect(names({ search: 'zoe f' })).toEqual(['Zoë Faure']);
  });

  it('takes LIKE wildcards in a search literally', () => {
    expect(names({ search: '%' })).toEqual([]);
    expect(names({ search: '_' })).toEqual([]);
    expect(names({ search: 'a_s' })).toEqual([]);
    expect(names({ search: '\\' })).toEqual([]);
    expect(names({ search: 'ta sh' })).toEqual(['Anita Sharma']);
  });

  it('reports the full total from any page, including one past the end', () => {
    const total = (query: Partial<ContactQuery>) =>
      contactPage(db, { offset: 0, limit: 100, search: '', filter: 'all', ...query }).total;
    expect(total({ limit: 2 })).toBe(5);
    expect(total({ offset: 4, limit: 2 })).toBe(5);
    expect(total({ offset: 10, limit: 2 })).toBe(5);
    // 'a' is in four names, one of them inside the markup's "alert".
    expect(total({ search: 'a', limit: 1 })).toBe(4);
    expect(total({ search: 'a', offset: 2, limit: 5 })).toBe(4);
    expect(total({ search: 'a', offset: 9, limit: 5 })).toBe(4);
    expect(total({ search: 'nobody' })).toBe(0);
  });

  it('formats the first number for the current home region', () => {
    const anita = () => contactPage(db, { offset: 0, limit: 5, search: 'anita', filter: 'all' }).rows[0]!.phone;
    const setRegion = db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('region', ?)`);
    setRegion.run('GB');
    expect(anita()).toBe('07400 123456');
    setRegion.run('US');
    expect(anita()).toBe('+44 7400 123456');
  });

  it('details each number of a contact', () => {
    const id = contactPage(db, { offset: 0, limit: 1, search: 'ben', filter: 'all' }).rows[0]!.id;
    const detail = contactDetail(db, id)!;
    expect(detail.phones.map((p) => [p.raw, p.e164, p.status])).toEqual([
      ['07400 123457', '+447400123457', 'valid'],
      ['112', null, 'invalid'],
    ]);
    expect(contactDetail(db, 999_999)).toBeNull();
  });
});
