import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { getNumber, numberDiscrepancies } from '../store/numbers.ts';
import { openStore, type Db } from '../store/open.ts';
import { peopleCount } from '../store/people.ts';
import { addLiveSource, getSource, removeSource, sourceCards } from '../store/sources.ts';
import { tempDir } from '../testing/tmp.ts';
import { applyCards, type Card } from './apply-cards.ts';
import { importFile } from './importer.ts';
import { applyRegionChoice } from './region.ts';

/** A card as CardDAV hands it over: LF line ends. */
function vcard(uid: string | null, name: string, ...tels: string[]): string {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    ...(uid ? [`UID:${uid}`] : []),
    `FN:${name}`,
    ...tels.map((t) => `TEL;TYPE=CELL:${t}`),
    'END:VCARD',
  ].join('\n');
}

const card = (ref: string, tag: string, name: string, ...tels: string[]): Card => ({
  ref,
  tag,
  vcard: vcard(ref, name, ...tels),
});

describe('applyCards', () => {
  let dir: string;
  let db: Db;
  let source: number;
  const now = 1_700_000_000_000;

  beforeEach(() => {
    dir = tempDir();
    db = openStore(join(dir, 'kith.db'));
    applyRegionChoice(db, { region: 'GB' });
    source = addLiveSource(db, { kind: 'carddav', name: 'Work', settings: { url: 'https://dav.example/' } }, now);
    return () => db.close();
  });

  const names = () =>
    db.prepare('SELECT name FROM contacts WHERE source_id = ? ORDER BY name').pluck().all(source) as string[];
  const idOf = (name: string) => db.prepare('SELECT id FROM contacts WHERE name = ?').pluck().get(name) as number;

  it('adds a whole book, skips unchanged tags without reading, and removes cards gone from it', async () => {
    const ada = card('ada', 'e1', 'Ada Lovelace', '07400 123456');
    const bob = card('bob', 'e1', 'Bob Smith', '07400 654321');
    const cy = card('cy', 'e1', 'Cy Twombly', '07400 111222');
    expect(await applyCards(db, source, { complete: [ada, bob, cy] }, now)).toEqual({
      added: 3,
      updated: 0,
      removed: 0,
      unchanged: 0,
      problems: [],
    });
    expect(names()).toEqual(['Ada Lovelace', 'Bob Smith', 'Cy Twombly']);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 1, state: 'new' });
    const adaId = idOf('Ada Lovelace');

    // Same tags: not read at all, so even text that is no card changes nothing.
    const garbled = { ...bob, vcard: 'not a card' };
    expect(await applyCards(db, source, { complete: [ada, garbled, cy] }, now + 1)).toMatchObject({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 3,
      problems: [],
    });

    // Ada edited, Cy gone.
    const ada2 = card('ada', 'e2', 'Ada King', '07400 123457');
    expect(await applyCards(db, source, { complete: [ada2, bob] }, now + 2)).toMatchObject({
      added: 0,
      updated: 1,
      removed: 1,
      unchanged: 1,
    });
    expect(names()).toEqual(['Ada King', 'Bob Smith']);
    expect(idOf('Ada King')).toBe(adaId);
    // Never synced, so the numbers no contact has any more are forgotten.
    expect(getNumber(db, '+447400123456')).toBeUndefined();
    expect(getNumber(db, '+447400111222')).toBeUndefined();
    expect([...sourceCards(db, source).keys()].sort()).toEqual(['ada', 'bob']);
    expect(getSource(db, source)).toMatchObject({
      state: 'ok',
      lastSyncAt: now + 2,
      lastResult: { added: 0, updated: 1, removed: 1 },
      nextPollAt: now + 2 + 900_000,
    });
    expect(numberDiscrepancies(db)).toEqual([]);
  });

  it('applies a delta: upserts and deletes, leaving the cards it does not name', async () => {
    await applyCards(
      db,
      source,
      { complete: [card('a', '1', 'Ann', '07400 000001'), card('b', '1', 'Ben', '07400 000002')] },
      now,
    );
    const report = await applyCards(
      db,
      source,
      { upserts: [card('c', '1', 'Cat', '07400 000003'), card('a', '2', 'Ann Lee', '07400 000001')], deletes: ['b'] },
      now + 1,
    );
    expect(report).toMatchObject({ added: 1, updated: 1, removed: 1, unchanged: 0 });
    expect(names()).toEqual(['Ann Lee', 'Cat']);
    // An empty delta keeps everything.
    expect(await applyCards(db, source, { upserts: [], deletes: [] }, now + 2)).toMatchObject({
      added: 0,
      updated: 0,
      removed: 0,
    });
    expect(names()).toEqual(['Ann Lee', 'Cat']);
    // A delete of a card never seen is harmless.
    expect(await applyCards(db, source, { upserts: [], deletes: ['zzz'] }, now + 3)).toMatchObject({ removed: 0 });
  });

  it('keeps a new card with the UID of a card the delta leaves alone apart from it', async () => {
    await applyCards(
      db,
      source,
      { complete: [{ ref: 'x1', tag: '1', vcard: vcard('same', 'First', '07400 000011') }] },
      now,
    );
    const report = await applyCards(
      db,
      source,
      { upserts: [{ ref: 'x2', tag: '1', vcard: vcard('same', 'Second', '07400 000012') }], deletes: [] },
      now + 1,
    );
    expect(report).toMatchObject({ added: 1, updated: 0, removed: 0 });
    expect(names()).toEqual(['First', 'Second']);
    // Deleting the first card removes the first contact only.
    await applyCards(db, source, { upserts: [], deletes: ['x1'] }, now + 2);
    expect(names()).toEqual(['Second']);
  });

  it('counts a number shared with a file as one, and keeps it while either holds it', async () => {
    const file = join(dir, 'book.vcf');
    writeFileSync(file, vcard(null, 'Ada Lovelace', '+44 7400 123456') + '\n');
    await importFile(db, file, { region: 'GB' });
    await applyCards(db, source, { complete: [card('ada', '1', 'Ada Lovelace', '07400 123456')] }, now);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 2 });
    // One person: same name, same number, across a file and a live book.
    expect(peopleCount(db)).toBe(1);
    db.prepare("UPDATE numbers SET state = 'synced', synced_at = 1").run();
    await applyCards(db, source, { complete: [] }, now + 1);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 1, state: 'synced' });
    const fileSource = db.prepare("SELECT id FROM sources WHERE kind = 'file'").pluck().get() as number;
    removeSource(db, fileSource, now + 2);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 0, state: 'pending_removal' });
    expect(numberDiscrepancies(db)).toEqual([]);
  });

  it('reports a card it cannot use by its ref and line, and still takes the others', async () => {
    const report = await applyCards(
      db,
      source,
      {
        complete: [
          card('good', '1', 'Good', '07400 000021'),
          { ref: '/book/empty.vcf', tag: '1', vcard: 'BEGIN:VCARD\nVERSION:3.0\nNOTE:nothing\nEND:VCARD' },
        ],
      },
      now,
    );
    expect(report.added).toBe(1);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ file: '/book/empty.vcf', line: 1 });
    expect(names()).toEqual(['Good']);
    const stored = db.prepare('SELECT records_read, report FROM sources WHERE id = ?').get(source) as {
      records_read: number;
      report: string;
    };
    expect(stored.records_read).toBe(2);
    expect(JSON.parse(stored.report)).toEqual(report.problems);
  });

  it('reads a large book in threads, in the order given, and removes the contacts with their source', async () => {
    const cards = Array.from({ length: 2500 }, (_, i) =>
      card(`c${i}`, '1', `Person ${String(i).padStart(4, '0')}`, `07400 ${String(100000 + i)}`),
    );
    expect(await applyCards(db, source, { complete: cards }, now)).toMatchObject({ added: 2500, problems: [] });
    const keys = sourceCards(db, source);
    expect(keys.get('c1234')).toEqual({ tag: '1', contactKeys: ['uid:c1234'] });
    const changed = cards.map((c, i) => (i % 2 === 0 ? card(c.ref, '2', `Person ${i} edited`, '07400 999999') : c));
    expect(await applyCards(db, source, { complete: changed }, now + 1)).toMatchObject({
      updated: 1250,
      unchanged: 1250,
    });
    expect(getNumber(db, '+447400999999')).toMatchObject({ refs: 1250 });
    removeSource(db, source, now + 2);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM source_cards').pluck().get()).toBe(0);
    expect(numberDiscrepancies(db)).toEqual([]);
  });

  it('rolls back everything when the store fails mid-way, and refuses a file source', async () => {
    await applyCards(db, source, { complete: [card('a', '1', 'Ann', '07400 000001')] }, now);
    db.exec(
      `CREATE TRIGGER fail BEFORE INSERT ON contacts WHEN new.name = 'Boom' BEGIN SELECT RAISE(ABORT, 'disk'); END`,
    );
    await expect(
      applyCards(db, source, { complete: [card('b', '1', 'Boom', '07400 000002')] }, now + 1),
    ).rejects.toThrow(/disk/);
    expect(names()).toEqual(['Ann']);
    expect([...sourceCards(db, source).keys()]).toEqual(['a']);
    expect(db.inTransaction).toBe(false);

    const file = join(dir, 'book.vcf');
    writeFileSync(file, vcard(null, 'Zed', '07400 000009') + '\n');
    await importFile(db, file, { region: 'GB' });
    const fileSource = db.prepare("SELECT id FROM sources WHERE kind = 'file'").pluck().get() as number;
    await expect(applyCards(db, fileSource, { complete: [] }, now)).rejects.toThrow(/not a live address book/);
  });
});
