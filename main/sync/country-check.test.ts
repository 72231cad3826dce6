import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverFor } from '../../server/testing/suite.ts';
import { setContactCountry, setDigitsCountry, setPhoneCountry } from '../import/countries.ts';
import { importFile } from '../import/importer.ts';
import { applyRegionChoice } from '../import/region.ts';
import { getNumber, numberDiscrepancies } from '../store/numbers.ts';
import { openStore, type Db } from '../store/open.ts';
import { serverNumbers, signedInDevice, vcard, type Device } from '../testing/sync-harness.ts';
import { SyncEngine } from './engine.ts';
import { cutBatches } from './outbox.ts';
import { numberCountries } from '../store/migrations/010-number-countries.ts';

const server = serverFor('sqlite');

/** The UK reading of the North American 905-555-1234: a premium-rate line. */
const UK_PREMIUM = '+449055551234';
const ANN = '+447400123456';

function contactId(db: Db, name: string): number {
  return db.prepare('SELECT id FROM contacts WHERE name = ?').pluck().get(name) as number;
}

/** Every number any upload request of the device added. */
function everAdded(me: Device): string[] {
  return me.uploads().flatMap((u) => u.add);
}

async function syncOnce(me: Device): Promise<void> {
  const summary = await me.engine().sync();
  expect(summary.error).toBeNull();
}

describe('numbers whose country is to check', () => {
  it('are not uploaded until given a country; then their reading in that country is', async () => {
    const me = await signedInDevice(server().url); // a UK number: the home country is GB
    await me.importCards([vcard('j', 'John', ['905-555-1234']), vcard('a', 'Ann', ['07400 123456'])]);
    expect(me.db.prepare('SELECT to_check FROM phones WHERE raw = ?').pluck().get('905-555-1234')).toBe('premium-rate');

    await syncOnce(me);
    expect(await me.serverNumbers()).toEqual([ANN]);
    expect(getNumber(me.db, UK_PREMIUM)).toBeUndefined();
    expect(cutBatches(me.db, Date.now())).toBe(0);

    const change = setPhoneCountry(me.db, contactId(me.db, 'John'), 0, 'CA');
    expect(change).toEqual({ digits: ['9055551234'], changed: 1 });
    expect(numberDiscrepancies(me.db)).toEqual([]);
    await syncOnce(me);
    expect(await me.serverNumbers()).toEqual(['+19055551234', ANN]);
    expect(everAdded(me)).not.toContain(UK_PREMIUM);
  });

  it('are uploaded as read at home once confirmed, in every contact that has the same digits', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards([vcard('b', 'Bank', ['0300 123 4567']), vcard('c', 'Bank desk', ['WORK:0300 1234567'])]);
    await syncOnce(me);
    expect(await me.serverNumbers()).toEqual([]);

    // Confirming is giving the number the home country.
    expect(setDigitsCountry(me.db, ['03001234567'], 'GB').changed).toBe(2);
    expect(me.db.prepare('SELECT count(*) FROM phones WHERE to_check IS NOT NULL').pluck().get()).toBe(0);
    await syncOnce(me);
    expect(await me.serverNumbers()).toEqual(['+443001234567']);
  });

  it('take a contact’s country, except the numbers written with their own country code', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards([vcard('j', 'John', ['905-555-1234', '905-666-1234', '+44 20 7946 0018'])]);
    const id = contactId(me.db, 'John');
    expect(setContactCountry(me.db, id, 'CA')).toEqual({ digits: ['9055551234', '9056661234'], changed: 2 });
    await syncOnce(me);
    expect(await me.serverNumbers()).toEqual(['+19055551234', '+19056661234', '+442079460018']);

    // Back to the home default: the next sync takes them off the server again.
    setContactCountry(me.db, id, null);
    await syncOnce(me);
    expect(await me.serverNumbers()).toEqual(['+442079460018']);
    expect(everAdded(me)).not.toContain(UK_PREMIUM);
  });

  it('keep the country they were given through re-imports of a changed card, and in new contacts', async () => {
    const me = await signedInDevice(server().url);
    const book = join(me.dir, 'book.vcf');
    writeFileSync(book, vcard('j', 'John', ['905-555-1234']) + '\r\n');
    await importFile(me.db, book, { region: 'GB' });
    setPhoneCountry(me.db, contactId(me.db, 'John'), 0, 'CA');

    // No UID match this time: the card comes back as a new contact, with another one holding the same digits.
    writeFileSync(
      book,
      [vcard('j2', 'John Smith', ['905-555-1234']), vcard('k', 'Kate', ['905 555 1234'])].join('\r\n'),
    );
    await importFile(me.db, book, { region: 'GB' });
    const phones = me.db.prepare('SELECT e164, to_check FROM phones ORDER BY contact_id').all();
    expect(phones).toEqual([
      { e164: '+19055551234', to_check: null },
      { e164: '+19055551234', to_check: null },
    ]);
  });

  it('follow the home country: a change re-reads every number, and the sync sends the difference', async () => {
    const me = await signedInDevice(server().url);
    applyRegionChoice(me.db, { region: 'US' });
    await me.importCards([vcard('j', 'John', ['905-555-1234', '1-800-356-9377']), vcard('a', 'Ann', ['07400 123456'])]);
    await syncOnce(me);
    // In the US: John's first number is Canadian, the toll-free one waits, and Ann's is no US number.
    expect(await me.serverNumbers()).toEqual(['+19055551234']);

    const state = applyRegionChoice(me.db, { region: 'GB' });
    expect(state).toMatchObject({ region: 'GB', renormalized: 3 });
    expect(getNumber(me.db, '+19055551234')?.state).toBe('pending_removal');
    await syncOnce(me);
    expect(await me.serverNumbers()).toEqual([ANN]);
    expect(everAdded(me)).not.toContain(UK_PREMIUM);
  });

  it('that were uploaded before the check existed are taken off the server when the store is upgraded', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards([vcard('j', 'John', ['905-555-1234']), vcard('a', 'Ann', ['07400 123456'])]);
    // The store as the version before the check left it: no check column, and the UK reading counted and wanted.
    me.db.exec(`DROP INDEX phones_to_check;
                ALTER TABLE phones DROP COLUMN to_check;
                DROP TABLE number_countries;
                INSERT INTO numbers (e164, refs, state, first_seen_at, changed_at) VALUES ('${UK_PREMIUM}', 1, 'new', 0, 0);`);
    await syncOnce(me);
    expect(await me.serverNumbers()).toEqual([ANN, UK_PREMIUM]);
    const token = me.token();
    me.db.close();
    // The upgrade: that migration's step as the migrator runs it. Later migrations are in place already, so the
    // version cannot simply be set back by one.
    const old = new Database(me.path);
    old.transaction(() => {
      old.exec(numberCountries.sql);
      numberCountries.after?.(old);
    })();
    old.close();

    const db = openStore(me.path);
    try {
      expect(db.prepare('SELECT to_check FROM phones WHERE raw = ?').pluck().get('905-555-1234')).toBe('premium-rate');
      expect(getNumber(db, UK_PREMIUM)).toMatchObject({ refs: 0, state: 'pending_removal' });
      expect(numberDiscrepancies(db)).toEqual([]);
      const engine = new SyncEngine({ db });
      try {
        expect((await engine.sync()).removed).toBe(1);
      } finally {
        await engine.stop();
      }
      expect(await serverNumbers(me.url, token)).toEqual([ANN]);
    } finally {
      db.close();
    }
  });
});
