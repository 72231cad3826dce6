import { readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { listContacts, phoneCounts } from '../store/contacts.ts';
import { getNumber, numberCounts, numberDiscrepancies } from '../store/numbers.ts';
import { openStore, type Db } from '../store/open.ts';
import { findSource } from '../store/sources.ts';
import { tempDir } from '../testing/tmp.ts';
import { ImportFileError, importFile } from './importer.ts';
import { NOTHING_USABLE_CARD } from './name-text.ts';
import { applyRegionChoice } from './region.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus');

function card(uid: string | null, name: string, ...tels: string[]): string {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    ...(uid ? [`UID:${uid}`] : []),
    `FN:${name}`,
    ...tels.map((t) => `TEL;TYPE=CELL:${t}`),
    'END:VCARD',
  ].join('\r\n');
}

describe('importFile', () => {
  let dir: string;
  let db: Db;
  const book = (...cards: string[]) => {
    const path = join(dir, 'book.vcf');
    writeFileSync(path, cards.join('\r\n') + '\r\n');
    return path;
  };
  const gb = { region: 'GB' as const };
  const markSynced = () => db.prepare("UPDATE numbers SET state = 'synced', synced_at = 1").run();

  beforeEach(() => {
    dir = tempDir();
    db = openStore(join(dir, 'kith.db'));
    return () => {
      // Whatever a test did, the number set must agree with the phones.
      expect(numberDiscrepancies(db)).toEqual([]);
      db.close();
    };
  });

  it('stores contacts with raw text, label, E.164, status and reason', async () => {
    const path = book(card('u1', 'Anita Sharma', '07400 123456', '112'), card(null, 'Ben Okafor', '+1 201-555-0123'));
    const report = await importFile(db, path, gb);
    expect(report).toMatchObject({ format: 'vcard', recordsRead: 2, added: 2, contacts: 2, errors: [] });
    expect(report.phones).toEqual({ valid: 2, possible: 0, invalid: 1 });
    const anita = listContacts(db).find((c) => c.name === 'Anita Sharma')!;
    expect(anita.phones[0]).toMatchObject({ raw: '07400 123456', label: 'Mobile', e164: '+447400123456' });
    expect(anita.phones[0]!.status).toBe('valid');
    expect(anita.phones[1]).toMatchObject({ raw: '112', e164: null, status: 'invalid' });
    expect(anita.phones[1]!.reason).toMatch(/short code/);
    expect(numberCounts(db).new).toBe(2);
  });

  it('re-imports an unchanged file without touching a contact', async () => {
    const path = book(card('u1', 'Anita', '07400 123456'), card(null, 'Ben', '07400 123457'));
    await importFile(db, path, { ...gb, now: 1000 });
    const again = await importFile(db, path, { ...gb, now: 2000 });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2, removed: 0, contacts: 2 });
    expect(db.prepare('SELECT max(updated_at) FROM contacts').pluck().get()).toBe(1000);
  });

  it('updates a changed card in place and releases the number it dropped', async () => {
    await importFile(db, book(card('u1', 'Anita', '07400 123456'), card('u2', 'Ben', '07400 123457')), gb);
    markSynced();
    const id = listContacts(db).find((c) => c.name === 'Anita')!.id;
    const report = await importFile(
      db,
      book(card('u1', 'Anita S.', '07400 999999'), card('u2', 'Ben', '07400 123457')),
      gb,
    );
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 1, removed: 0 });
    const anita = listContacts(db).find((c) => c.id === id)!;
    expect(anita.name).toBe('Anita S.');
    expect(getNumber(db, '+447400123456')?.state).toBe('pending_removal');
    expect(getNumber(db, '+447400999999')?.state).toBe('new');
  });

  it('removes contacts gone from the file, keeping numbers another contact still has', async () => {
    await importFile(
      db,
      book(card('u1', 'Anita', '07400 123456'), card('u2', 'Ben', '07400 123456', '07400 123457')),
      gb,
    );
    markSynced();
    const report = await importFile(db, book(card('u1', 'Anita', '07400 123456')), gb);
    expect(report).toMatchObject({ removed: 1, unchanged: 1, contacts: 1 });
    expect(getNumber(db, '+447400123456')).toMatchObject({ state: 'synced', refs: 1 });
    expect(getNumber(db, '+447400123457')).toMatchObject({ state: 'pending_removal', refs: 0 });
  });

  it("counts the file's phones by status, with and without unchanged cards", async () => {
    const first = book(
      card('u1', 'A', '07400 111111', '112'),
      card('u2', 'B', '07400 222222'),
      card('u3', 'C', '0740'),
    );
    expect((await importFile(db, first, gb)).phones).toEqual({ valid: 2, possible: 0, invalid: 2 });
    // Every card changed or gone: the report counts what it wrote.
    const changed = book(card('u1', 'A', '07400 111111', '07400 333333'), card('u2', 'B', '112'));
    const second = await importFile(db, changed, gb);
    expect(second).toMatchObject({ unchanged: 0, updated: 2, removed: 1 });
    expect(second.phones).toEqual({ valid: 2, possible: 0, invalid: 1 });
    expect(second.phones).toEqual(phoneCounts(db));
    // One card unchanged: the report counts the store.
    const third = await importFile(db, book(card('u1', 'A', '07400 111111', '07400 333333'), card('u2', 'B')), gb);
    expect(third).toMatchObject({ unchanged: 1, updated: 1 });
    expect(third.phones).toEqual({ valid: 2, possible: 0, invalid: 0 });
  });

  it('keeps two identical cards as two contacts, stably across re-imports', async () => {
    const path = book(card(null, 'Twin', '07400 123456'), card(null, 'Twin', '07400 123456'));
    expect((await importFile(db, path, gb)).added).toBe(2);
    expect(await importFile(db, path, gb)).toMatchObject({ unchanged: 2, added: 0, removed: 0 });
    expect(getNumber(db, '+447400123456')?.refs).toBe(2);
  });

  it('imports the cards around a broken one and names its line', async () => {
    const path = book(
      card('u1', 'Before', '07400 111111'),
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nTEL:07400 222222',
      card('u3', 'After', '07400 333333'),
    );
    const report = await importFile(db, path, gb);
    const names = listContacts(db).map((c) => c.name);
    expect(names).toContain('Before');
    expect(names).toContain('After');
    expect(report.errors.some((e) => e.file === path && e.line === 7 && /END/i.test(e.message))).toBe(true);
    const after = listContacts(db).find((c) => c.name === 'After')!;
    expect(after.phones.map((p) => p.raw)).toEqual(['07400 333333']);
    const before = listContacts(db).find((c) => c.name === 'Before')!;
    expect(before.phones.map((p) => p.raw)).toEqual(['07400 111111']);
  });

  it('skips a card with neither a name nor a number and reports it on its line, every time', async () => {
    const path = book(
      card(null, 'Ann', '07400 111111'),
      // Line 6: nothing usable at all.
      'BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:call back\r\nEND:VCARD',
      // Line 10: a number and no name is still a contact, shown by its number.
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:.\r\nTEL:07400 222222\r\nEND:VCARD',
    );
    const skipped = { file: path, line: 6, message: NOTHING_USABLE_CARD };
    const report = await importFile(db, path, gb);
    expect(report).toMatchObject({ recordsRead: 3, added: 2, contacts: 2, errors: [skipped] });
    expect(listContacts(db).map((c) => [c.name, c.line])).toEqual([
      ['Ann', 1],
      ['', 10],
    ]);
    expect(JSON.parse(findSource(db, realpathSync(path))!.report)).toEqual([skipped]);
    expect(await importFile(db, path, gb)).toMatchObject({ unchanged: 2, added: 0, removed: 0, errors: [skipped] });
  });

  it('refuses a file whose cards all have neither a name nor a number, keeping what it held before', async () => {
    const path = book(card(null, 'Ann', '07400 111111'));
    await importFile(db, path, gb);
    book('BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD', 'BEGIN:VCARD\r\nFN:-\r\nEND:VCARD');
    await expect(importFile(db, path, gb)).rejects.toThrow(
      `${path}: no contacts could be read. Line 1: ${NOTHING_USABLE_CARD}`,
    );
    expect(listContacts(db).map((c) => c.name)).toEqual(['Ann']);
  });

  it('keeps a name it could not decode as written, sorts it after the letters, and reports it on every import', async () => {
    // A quoted-printable name cut in the middle of a character, as a broken export leaves it; twice, as copies are.
    const damagedCard =
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:=E2=9\r\nTEL;CELL:07400 111111\r\nEND:VCARD';
    const path = book(damagedCard, card(null, 'Zoë', '07400 222222'), damagedCard);
    const message = 'The name could not be decoded; what could not be decoded was kept as written: “=E2=9”.';
    const damaged = [
      { file: path, line: 3, message },
      { file: path, line: 13, message },
    ];
    expect(await importFile(db, path, gb)).toMatchObject({ added: 3, errors: damaged });
    expect(listContacts(db).map((c) => c.name)).toEqual(['Zoë', '=E2=9', '=E2=9']);
    // Unchanged, the cards are read again for their report, and nothing is written.
    const again = await importFile(db, path, gb);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, removed: 0, errors: damaged });
    expect(listContacts(db).map((c) => [c.name, c.line])).toEqual([
      ['Zoë', 6],
      ['=E2=9', 1],
      ['=E2=9', 11],
    ]);
  });

  it('lists names that start with a letter first, then digits and symbols, then contacts with no name', async () => {
    const path = book(
      card(null, '!Bang', '07400 100001'),
      card(null, 'Zoë', '07400 100002'),
      card(null, '123 Pizza', '07400 100003'),
      card(null, '', '07400 100004'),
      card(null, 'adam', '07400 100005'),
      card(null, 'Élodie', '07400 100006'),
    );
    await importFile(db, path, gb);
    expect(listContacts(db).map((c) => c.name)).toEqual(['adam', 'Élodie', 'Zoë', '!Bang', '123 Pizza', '']);
  });

  it('re-normalizes stored numbers when the own number changes the region', async () => {
    const path = book(card('u1', 'Hans', '0151 23456789'));
    await importFile(db, path, { region: null });
    expect(listContacts(db)[0]!.phones[0]!.status).toBe('invalid');
    const state = applyRegionChoice(db, { me: '+4930901820' });
    expect(state).toMatchObject({ region: 'DE', renormalized: 1 });
    expect(listContacts(db)[0]!.phones[0]).toMatchObject({ status: 'valid', e164: '+4915123456789' });
    expect(getNumber(db, '+4915123456789')?.state).toBe('new');
    expect(applyRegionChoice(db, { me: '+4930901820' }).renormalized).toBe(0);
  });

  it('refuses what is not an address book, with the reason', async () => {
    const png = join(dir, 'photo.vcf');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await expect(importFile(db, png, gb)).rejects.toThrow(ImportFileError);
    await expect(importFile(db, png, gb)).rejects.toThrow(/PNG image/);
    await expect(importFile(db, join(dir, 'missing.vcf'), gb)).rejects.toThrow(/missing\.vcf: no such file/);
    await expect(importFile(db, dir, gb)).rejects.toThrow(/directory/);
  });

  it('does not let a damaged copy of a file wipe out what it imported before', async () => {
    const path = join(dir, 'book.csv');
    writeFileSync(path, 'Name,Mobile Phone\r\nAnita,07400 123456\r\n');
    expect((await importFile(db, path, gb)).contacts).toBe(1);
    writeFileSync(path, 'garbage;;;\r\n"unterminated\r\n');
    await expect(importFile(db, path, gb)).rejects.toThrow(ImportFileError);
    expect(listContacts(db).map((c) => c.name)).toEqual(['Anita']);
  });

  it('imports a Google CSV export with several numbers in one cell', async () => {
    const path = join(dir, 'google.csv');
    writeFileSync(
      path,
      'Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value\r\n' +
        'Anita Sharma,Anita,Sharma,* Mobile,07400 123456 ::: +44 7400 654321\r\n',
    );
    const report = await importFile(db, path, gb);
    expect(report).toMatchObject({ format: 'csv', contacts: 1, phones: { valid: 2, possible: 0, invalid: 0 } });
    expect(listContacts(db)[0]!.phones.map((p) => [p.label, p.e164])).toEqual([
      ['Mobile', '+447400123456'],
      ['Mobile', '+447400654321'],
    ]);
  });

  it('imports every corpus file without an uncaught exception', async () => {
    const files = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(vcf|csv)$/.test(f))
      .map((f) => join(CORPUS, f));
    expect(files.length).toBeGreaterThanOrEqual(55);
    const refused: string[] = [];
    const empty: string[] = [];
    for (const file of files) {
      try {
        if ((await importFile(db, file, gb)).contacts === 0) empty.push(relative(CORPUS, file));
      } catch (err) {
        if (!(err instanceof ImportFileError)) throw err;
        refused.push(relative(CORPUS, file));
      }
    }
    // Refused as a whole: the two header-less CSVs (invalid by design), and the two vCard files whose only card has
    // neither a name nor a number. Every other file yields contacts.
    expect(refused.sort()).toEqual([
      'aosp-vcard/v21_android_custom_prop.vcf',
      'ical.js/vcard_grouped.vcf',
      'thunderbird/csv_no_header.csv',
      'thunderbird/tab_comma_mixed.csv',
    ]);
    expect(empty).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('importFile on a large file', () => {
  it('gives the same result through worker threads as inline', async () => {
    const dir = tempDir();
    const cards = Array.from({ length: 2500 }, (_, i) =>
      card(i % 3 ? `u${i}` : null, `Person ${i}`, `07400 ${String(100000 + i)}`, i % 7 ? '112' : '+49 151 23456789'),
    );
    cards.splice(1200, 0, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Unfinished\r\nTEL:07400 999999');
    const path = join(dir, 'big.vcf');
    writeFileSync(path, cards.join('\r\n') + '\r\n');
    const dump = (db: Db) =>
      listContacts(db).map((c) => ({ name: c.name, line: c.line, phones: c.phones.map((p) => [p.e164, p.status]) }));

    const threaded = openStore(join(dir, 'threaded.db'));
    const progress: number[] = [];
    const a = await importFile(threaded, path, { region: 'GB', onProgress: (p) => progress.push(p.done) });
    const previous = process.env.KITH_IMPORT_WORKERS;
    process.env.KITH_IMPORT_WORKERS = '0';
    const inline = openStore(join(dir, 'inline.db'));
    const b = await importFile(inline, path, { region: 'GB' }).finally(() => {
      if (previous === undefined) delete process.env.KITH_IMPORT_WORKERS;
      else process.env.KITH_IMPORT_WORKERS = previous;
    });

    expect(a).toEqual(b);
    expect(a.contacts).toBe(2501);
    expect(a.errors).toHaveLength(1);
    expect(dump(threaded)).toEqual(dump(inline));
    expect(progress.at(-1)).toBe(2501);
    expect(progress.length).toBeGreaterThan(1);
    expect(numberDiscrepancies(threaded)).toEqual([]);
    threaded.close();
    inline.close();
  });

  it('rebuilds its indexes after a bulk load, and a re-import still matches every card', async () => {
    const dir = tempDir();
    const path = join(dir, 'bulk.vcf');
    const cards = Array.from({ length: 6000 }, (_, i) => card(`b${i}`, `Bulk ${i}`, `07400 ${String(200000 + i)}`));
    writeFileSync(path, cards.join('\r\n') + '\r\n');
    const db = openStore(join(dir, 'bulk.db'));
    expect((await importFile(db, path, { region: 'GB' })).added).toBe(6000);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['contacts_key', 'phones_e164']));
    expect(numberCounts(db).new).toBe(6000);
    cards[10] = card('b10', 'Bulk ten', '07400 999999');
    writeFileSync(path, cards.join('\r\n') + '\r\n');
    expect(await importFile(db, path, { region: 'GB' })).toMatchObject({ unchanged: 5999, updated: 1, added: 0 });
    expect(numberDiscrepancies(db)).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
