import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tmp.ts';
import { contactWriter, setExcluded, sourceContacts } from './contacts.ts';
import { getNumber, numberCounts, numberDiscrepancies, recountNumbers } from './numbers.ts';
import { openStore, type Db } from './open.ts';
import { removeSource, upsertSource } from './sources.ts';
import type { PhoneInput } from './types.ts';

const valid = (e164: string): PhoneInput => ({
  raw: e164,
  label: 'Mobile',
  e164,
  candidate: null,
  ext: null,
  status: 'valid',
  reason: 'valid',
});
const invalid: PhoneInput = {
  raw: '112',
  label: '',
  e164: null,
  candidate: null,
  ext: null,
  status: 'invalid',
  reason: 'short code',
};

describe('number reference counting', () => {
  let db: Db;
  let source: number;
  // One writer per step, finished at once, as the importer does per transaction.
  const w = () => {
    const writer = contactWriter(db);
    const step =
      <A extends unknown[]>(f: (...a: A) => void) =>
      (...a: A) => {
        f(...a);
        writer.finish(2);
        expect(numberDiscrepancies(db)).toEqual([]);
      };
    return { insert: step(writer.insert), update: step(writer.update), remove: step(writer.remove) };
  };
  const idOf = (key: string) => sourceContacts(db, source).find((c) => c.key === key)!.id;
  const markSynced = () => db.prepare("UPDATE numbers SET state = 'synced' WHERE state = 'new'").run();

  beforeEach(() => {
    db = openStore(join(tempDir(), 'kith.db'));
    source = upsertSource(db, '/book.vcf', 'vcard', 'h', 1);
    return () => db.close();
  });

  it('keeps one entry for a number shared by several contacts', () => {
    w().insert(source, { key: 'a', digest: 'a', line: 1, name: 'A', phones: [valid('+447400123456'), invalid] }, 1);
    w().insert(source, { key: 'b', digest: 'b', line: 5, name: 'B', phones: [valid('+447400123456')] }, 1);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 2, state: 'new' });
    expect(numberCounts(db)).toEqual({ new: 1, synced: 0, pending_removal: 0 });
  });

  it('marks a synced number for removal only when no contact holds it any more', () => {
    w().insert(source, { key: 'a', digest: 'a', line: 1, name: 'A', phones: [valid('+447400123456')] }, 1);
    w().insert(source, { key: 'b', digest: 'b', line: 5, name: 'B', phones: [valid('+447400123456')] }, 1);
    markSynced();
    w().remove(idOf('a'));
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 1, state: 'synced' });
    w().remove(idOf('b'));
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 0, state: 'pending_removal' });
  });

  it('forgets a never-synced number outright when its last contact goes', () => {
    w().insert(source, { key: 'a', digest: 'a', line: 1, name: 'A', phones: [valid('+447400123456')] }, 1);
    w().remove(idOf('a'));
    expect(getNumber(db, '+447400123456')).toBeUndefined();
  });

  it('brings a pending removal back to synced when a contact has the number again', () => {
    w().insert(source, { key: 'a', digest: 'a', line: 1, name: 'A', phones: [valid('+447400123456')] }, 1);
    markSynced();
    w().update(idOf('a'), { key: 'a', digest: 'a2', line: 1, name: 'A', phones: [] }, 2);
    expect(getNumber(db, '+447400123456')?.state).toBe('pending_removal');
    w().insert(source, { key: 'c', digest: 'c', line: 9, name: 'C', phones: [valid('+447400123456')] }, 3);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 1, state: 'synced' });
  });

  it('releases every number of a removed source', () => {
    w().insert(source, { key: 'a', digest: 'a', line: 1, name: 'A', phones: [valid('+447400123456')] }, 1);
    w().insert(source, { key: 'b', digest: 'b', line: 5, name: 'B', phones: [valid('+447400123457')] }, 1);
    markSynced();
    removeSource(db, source, 5);
    expect(numberCounts(db)).toEqual({ new: 0, synced: 0, pending_removal: 2 });
  });

  it('counts an excluded contact as removed, and an included one as back', () => {
    w().insert(source, { key: 'a', digest: 'a', line: 1, name: 'A', phones: [valid('+447400123456')] }, 1);
    markSynced();
    expect(setExcluded(db, idOf('a'), true, 5)).toBe(true);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 0, state: 'pending_removal' });
    expect(setExcluded(db, idOf('a'), false, 6)).toBe(true);
    expect(numberDiscrepancies(db)).toEqual([]);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 1, state: 'synced' });
  });

  it('reports a stored count that disagrees with the phones', () => {
    w().insert(source, { key: 'a', digest: 'a', line: 1, name: 'A', phones: [valid('+447400123456')] }, 1);
    db.prepare('UPDATE numbers SET refs = 3').run();
    expect(numberDiscrepancies(db)).toEqual([{ e164: '+447400123456', stored: 3, actual: 1 }]);
  });

  it('moves the reference when a phone is re-normalized to another number', () => {
    w().insert(source, { key: 'a', digest: 'a', line: 1, name: 'A', phones: [valid('+447400123456')] }, 1);
    markSynced();
    db.prepare("UPDATE phones SET e164 = '+4917612345678'").run();
    recountNumbers(db, ['+447400123456', '+4917612345678'], 7);
    expect(getNumber(db, '+447400123456')).toMatchObject({ refs: 0, state: 'pending_removal' });
    expect(getNumber(db, '+4917612345678')).toMatchObject({ refs: 1, state: 'new' });
  });
});
