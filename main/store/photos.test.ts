import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { contactPage } from '../app/contact-query.ts';
import { importFile } from '../import/importer.ts';
import { tempDir } from '../testing/tmp.ts';
import { openStore, type Db } from './open.ts';
import { photos as photosMigration } from './migrations/012-photos.ts';
import { photoContactsByNumber, photoDataUrl } from './photos.ts';
import { displayName } from '../sync/names.ts';
import { removeSource } from './sources.ts';

const PHOTOS = join(import.meta.dirname, '..', '..', 'fixtures', 'photos');
const b64 = (name: string) => readFileSync(join(PHOTOS, name)).toString('base64');

function card(photo: string | null): string {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'UID:ada',
    'FN:Ada Lovelace',
    'TEL:+44 20 7946 0001',
    ...(photo === null ? [] : [`PHOTO;ENCODING=b;TYPE=JPEG:${photo}`]),
    'END:VCARD',
  ].join('\r\n');
}

describe('contact photos in the store', () => {
  let dir: string;
  let db: Db;
  const gb = { region: 'GB' as const };
  const idOf = (name: string) => db.prepare('SELECT id FROM contacts WHERE name = ?').pluck().get(name) as number;
  const photoCount = () => db.prepare('SELECT count(*) FROM photos').pluck().get() as number;

  beforeEach(() => {
    dir = tempDir();
    db = openStore(join(dir, 'kith.db'));
    return () => db.close();
  });

  it('keeps the photos of a file in every vCard version and reports the refused ones by line', async () => {
    const report = await importFile(db, join(PHOTOS, 'photos.vcf'), gb);
    expect(report.added).toBe(8);
    const text = readFileSync(join(PHOTOS, 'photos.vcf'), 'utf8').split('\r\n');
    const lineOf = (needle: string) => text.findIndex((l) => l.startsWith(needle)) + 1;
    expect(report.errors.map((e) => [e.line, e.message])).toEqual([
      [lineOf('PHOTO:data:image/svg+xml'), 'The PHOTO is an SVG image, which Kith does not show, so it was ignored.'],
      [
        lineOf('PHOTO;ENCODING=b;TYPE=PNG'),
        'The PHOTO is 100,000 × 100,000 pixels, larger than 2,048 × 2,048, so it was ignored.',
      ],
      [lineOf('PHOTO:https://'), 'The PHOTO is a link, and Kith never fetches links, so it was ignored.'],
    ]);
    const stored = db
      .prepare('SELECT c.name, p.mime FROM photos p JOIN contacts c ON c.id = p.contact_id ORDER BY c.name')
      .all();
    expect(stored).toEqual([
      { name: 'Ada Lovelace', mime: 'image/png' },
      { name: 'Alan Turing', mime: 'image/webp' },
      { name: 'Grace Hopper', mime: 'image/jpeg' },
      { name: 'Katherine Johnson', mime: 'image/gif' },
    ]);
    expect(photoDataUrl(db, idOf('Ada Lovelace'))).toBe(`data:image/png;base64,${b64('photo.png')}`);
    expect(photoDataUrl(db, idOf('Mary Jackson'))).toBeNull();

    const page = contactPage(db, { offset: 0, limit: 50, search: '', filter: 'all' });
    const flags = Object.fromEntries(page.rows.map((r) => [r.name, r.photo !== null]));
    expect(flags).toMatchObject({ 'Ada Lovelace': true, 'Mary Jackson': false, 'Sven Svg': false, 'Lena Link': false });
  });

  it('updates a changed photo on re-import, drops one that is gone, and goes with its contact', async () => {
    const path = join(dir, 'book.vcf');
    writeFileSync(path, card(b64('photo.png')));
    await importFile(db, path, gb);
    const id = idOf('Ada Lovelace');
    expect(photoDataUrl(db, id)).toMatch(/^data:image\/png;base64,/);

    writeFileSync(path, card(b64('photo.gif')));
    expect(await importFile(db, path, gb)).toMatchObject({ updated: 1 });
    expect(idOf('Ada Lovelace')).toBe(id);
    expect(photoDataUrl(db, id)).toBe(`data:image/gif;base64,${b64('photo.gif')}`);

    writeFileSync(path, card(null));
    expect(await importFile(db, path, gb)).toMatchObject({ updated: 1 });
    expect(photoDataUrl(db, id)).toBeNull();

    writeFileSync(path, card(b64('photo.webp')));
    await importFile(db, path, gb);
    expect(photoCount()).toBe(1);
    // A refused photo in place of a kept one: the old one does not linger.
    writeFileSync(path, card(b64('bomb.png')));
    const report = await importFile(db, path, gb);
    expect(report.errors).toHaveLength(1);
    expect(photoCount()).toBe(0);

    writeFileSync(path, card(b64('photo.webp')));
    await importFile(db, path, gb);
    expect(photoCount()).toBe(1);
    const sourceId = db.prepare('SELECT id FROM sources').pluck().get() as number;
    removeSource(db, sourceId, Date.now());
    expect(photoCount()).toBe(0);
  });

  it('reads the photos of cards imported before photos were kept, on the next import', async () => {
    const path = join(dir, 'book.vcf');
    writeFileSync(path, card(b64('photo.jpg')));
    await importFile(db, path, gb);
    const id = idOf('Ada Lovelace');
    // A store from before migration 012: the card was read, its photo was not, and the table did not exist.
    db.exec('DROP TABLE photos');
    // Its files' format is in `format` since migration 015.
    db.exec(photosMigration.sql.replace("kind = 'vcard'", "format = 'vcard'"));
    expect(photoCount()).toBe(0);
    const report = await importFile(db, path, gb);
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 0, removed: 0, errors: [] });
    expect(idOf('Ada Lovelace')).toBe(id);
    expect(photoDataUrl(db, id)).toBe(`data:image/jpeg;base64,${b64('photo.jpg')}`);
    // Once read, the card is skipped again.
    expect(await importFile(db, path, gb)).toMatchObject({ unchanged: 1 });
  });

  it('drops the photo of a contact removed from its file', async () => {
    const path = join(dir, 'book.vcf');
    const other = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ben', 'TEL:+44 20 7946 0002', 'END:VCARD'].join('\r\n');
    writeFileSync(path, `${card(b64('photo.jpg'))}\r\n${other}`);
    await importFile(db, path, gb);
    expect(photoCount()).toBe(1);
    writeFileSync(path, other);
    expect(await importFile(db, path, gb)).toMatchObject({ removed: 1 });
    expect(photoCount()).toBe(0);
  });

  it('shows beside a number only the photo of the contact whose name is shown', async () => {
    const path = join(dir, 'book.vcf');
    const vcard = (name: string, tel: string, photo: boolean) =>
      ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `TEL:${tel}`]
        .concat(photo ? [`PHOTO;ENCODING=b;TYPE=PNG:${b64('photo.png')}`] : [], ['END:VCARD'])
        .join('\r\n');
    writeFileSync(
      path,
      [
        // Bob's name is shown for the first number; Carl's photo is another person's.
        vcard('Carl', '+44 20 7946 0001', true),
        vcard('Bob', '+44 20 7946 0001', false),
        // A card without a name is never the one shown, photo or not.
        vcard('', '+44 20 7946 0002', true),
        vcard('Zed', '+44 20 7946 0002', false),
        vcard('Dora', '+44 20 7946 0003', true),
        vcard('dora', '+44 20 7946 0003', true),
      ].join('\r\n'),
    );
    await importFile(db, path, gb);
    const numbers = ['+442079460001', '+442079460002', '+442079460003', '+442079460009'];
    expect(numbers.map((n) => displayName(db, n))).toEqual(['Bob', 'Zed', 'Dora', null]);
    const byNumber = photoContactsByNumber(db, numbers);
    expect([...byNumber]).toEqual([['+442079460003', idOf('Dora')]]);
  });

  it('refuses, in the store too, what the import would have refused', async () => {
    const path = join(dir, 'book.vcf');
    writeFileSync(path, card(null));
    await importFile(db, path, gb);
    const contact = idOf('Ada Lovelace');
    const put = db.prepare('INSERT INTO photos (contact_id, mime, width, height, bytes) VALUES (?, ?, ?, ?, ?)');
    expect(() => put.run(contact, 'image/svg+xml', 1, 1, Buffer.from('<svg/>'))).toThrow(/CHECK/);
    expect(() => put.run(contact, 'image/png', 4096, 1, Buffer.from([1]))).toThrow(/CHECK/);
  });
});
