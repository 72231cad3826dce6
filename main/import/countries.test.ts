import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listContacts } from '../store/contacts.ts';
import { numberDiscrepancies } from '../store/numbers.ts';
import { openStore } from '../store/open.ts';
import { vcard } from '../testing/sync-harness.ts';
import { tempDir } from '../testing/tmp.ts';
import { choiceKey, CountryChoiceError, keysFor, setDigitsCountry } from './countries.ts';
import { importFile } from './importer.ts';
import { applyRegionChoice } from './region.ts';

describe('the country of a number written without one', () => {
  it('is chosen by the digits as written; a number with its own country code has none to choose', () => {
    expect(choiceKey('905-555-1234', 'GB')).toBe('9055551234');
    expect(choiceKey('tel:905-555-1234;ext=12', 'GB')).toBe('9055551234');
    expect(choiceKey('0905 555 1234', 'GB')).toBe('09055551234');
    expect(choiceKey('+44 905 555 1234', 'GB')).toBeNull();
    expect(choiceKey('0044 905 555 1234', 'US')).toBeNull();
    expect(choiceKey('011 44 905 555 1234', 'US')).toBeNull();
    expect(choiceKey('011 44 905 555 1234', 'GB')).toBe('011449055551234');
    expect(choiceKey('call me', 'GB')).toBeNull();
  });

  it('reaches the import’s worker threads, for every card that has those digits', async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 'kith.db'));
    try {
      applyRegionChoice(db, { region: 'GB' });
      setDigitsCountry(db, ['9055551234'], 'CA');
      // Two batches of records: one goes to a worker thread, which gets the choices with it.
      const cards = Array.from({ length: 2500 }, (_, i) => vcard(`u${i}`, `Person ${i}`, ['905-555-1234']));
      writeFileSync(join(dir, 'big.vcf'), cards.join('\r\n') + '\r\n');
      await importFile(db, join(dir, 'big.vcf'), { region: 'GB' });
      const phones = listContacts(db).flatMap((c) => c.phones);
      expect(phones).toHaveLength(2500);
      expect(new Set(phones.map((p) => `${p.e164} ${p.to_check}`))).toEqual(new Set(['+19055551234 null']));
      expect(numberDiscrepancies(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses an unknown country and a number the store does not hold, naming them', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    try {
      expect(() => setDigitsCountry(db, ['9055551234'], 'XX')).toThrow(
        new CountryChoiceError('XX: not a known ISO 3166 country code'),
      );
      expect(() => keysFor(db, '905-555-1234')).toThrow(
        'no stored number written without a country code matches 905-555-1234',
      );
      expect(() => keysFor(db, 'call me')).toThrow('call me: not a phone number');
    } finally {
      db.close();
    }
  });
});
