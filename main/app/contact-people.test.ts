import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../import/importer.ts';
import type { ContactQuery } from '../ipc/contract.ts';
import { openStore, type Db } from '../store/open.ts';
import { photoDataUrl, photoWriter } from '../store/photos.ts';
import { setContactApart, setPersonExcluded } from '../store/people.ts';
import { tempDir } from '../testing/tmp.ts';
import { contactDetail, contactPage } from './contact-query.ts';

const PEOPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'people');

/** The Contacts list and detail show the cards of one person once (fixtures/people: four cards of Erika, one Max). */
describe('contacts as people', () => {
  let db: Db;
  const page = (query: Partial<ContactQuery>) =>
    contactPage(db, { offset: 0, limit: 100, search: '', filter: 'all', ...query });
  const names = (query: Partial<ContactQuery>) => page(query).rows.map((r) => `${r.name} ${r.cards}`);

  beforeEach(async () => {
    db = openStore(join(tempDir(), 'kith.db'));
    await importFile(db, join(PEOPLE, 'erika.vcf'), { region: 'DE' });
    await importFile(db, join(PEOPLE, 'erika.csv'), { region: 'DE' });
    return () => db.close();
  });

  it('lists one row per person, found once by any card’s number or name', () => {
    expect(names({})).toEqual(['Dr. Erika Mustermann 4', 'Max Mustermann 1']);
    expect(page({}).total).toBe(2);
    // Only the CSV card and the third card hold this number.
    expect(names({ search: '030 87654321' })).toEqual(['Dr. Erika Mustermann 4']);
    // Both people hold this one.
    expect(names({ search: '0151 2345' })).toEqual(['Dr. Erika Mustermann 4', 'Max Mustermann 1']);
    expect(page({ search: 'erika 0151' }).total).toBe(1);
    expect(page({ search: 'mustermann' }).total).toBe(2);
    const row = page({}).rows[0]!;
    // Four numbers on four cards, three of them distinct.
    expect(row.phones).toBe(3);
  });

  it('shows a person On Kith when any card’s number joined, and never under Not on Kith then', () => {
    db.prepare(`UPDATE numbers SET registered_user_id = 'u' WHERE e164 = '+493087654321'`).run();
    expect(names({ filter: 'on-kith' })).toEqual(['Dr. Erika Mustermann 4']);
    expect(page({}).rows[0]!.onKith).toBe(true);
    expect(names({ filter: 'not-on-kith' })).toEqual(['Max Mustermann 1']);
    expect(page({ filter: 'not-on-kith', search: 'mann' }).total).toBe(1);
  });

  it('excludes every card of a person at once', () => {
    const erika = page({}).rows[0]!.id;
    expect(setPersonExcluded(db, erika, true, 1)).toBe(true);
    expect(page({}).rows[0]!.excluded).toBe(true);
    expect(names({ filter: 'excluded' })).toEqual(['Dr. Erika Mustermann 4']);
    expect(contactDetail(db, erika)!.cards.every((c) => c.excluded)).toBe(true);
  });

  it('details every number and every card, and splits a card apart', () => {
    const erika = page({}).rows[0]!.id;
    const detail = contactDetail(db, erika)!;
    expect(detail.cards.map((c) => `${c.source.split('/').pop()}:${c.line}`)).toEqual([
      'erika.vcf:1',
      'erika.vcf:8',
      'erika.vcf:14',
      'erika.csv:2',
    ]);
    expect(detail.phones.map((p) => p.e164)).toEqual(['+4915123456789', '+493012345678', '+493087654321']);
    const csvCard = detail.cards[3]!.id;
    // Any card's id opens its person.
    expect(contactDetail(db, csvCard)!.id).toBe(erika);
    setContactApart(db, csvCard, true, 1);
    expect(names({})).toEqual(['Dr. Erika Mustermann 3', 'Dr. Erika Mustermann 1', 'Max Mustermann 1']);
    expect(contactDetail(db, csvCard)).toMatchObject({ id: csvCard, apart: true, cards: [{ id: csvCard }] });
  });

  it('shows the photo of the first card that has one, and names that card for the fetch', () => {
    const erika = page({}).rows[0]!.id;
    const [, second, third] = contactDetail(db, erika)!.cards.map((c) => c.id);
    expect(page({}).rows[0]!.photo).toBeNull();
    const png = new Uint8Array(readFileSync(join(PEOPLE, '..', 'photos', 'photo.png')));
    const photos = photoWriter(db);
    photos.set(third!, { mime: 'image/png', width: 16, height: 16, bytes: png });
    photos.set(second!, { mime: 'image/png', width: 16, height: 16, bytes: png });
    expect(page({}).rows[0]!.photo).toBe(second);
    expect(contactDetail(db, erika)!.photo).toBe(second);
    expect(contactDetail(db, third!)!.photo).toBe(second);
    expect(photoDataUrl(db, second!)).toMatch(/^data:image\/png;base64,/);
    // A card split apart shows its own photo, and the person the next one.
    setContactApart(db, second!, true, 1);
    expect(page({ search: 'erika' }).rows.map((r) => [r.cards, r.photo])).toEqual([
      [3, third],
      [1, second],
    ]);
  });
});
