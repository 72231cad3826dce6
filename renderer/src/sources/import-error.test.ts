import { describe, expect, it } from 'vitest';
import { t } from '../../../i18n/index.ts';
import { importError, unfinishedImport } from './import-error.ts';

describe('import errors', () => {
  it('name the file as the user chose it', () => {
    const error = importError('family.vcf', 'not an address book: this is a PNG image');
    expect(error.message).toContain('“family.vcf”');
    expect(error.detail).toBe('not an address book: this is a PNG image');
  });

  it('say an import failed as a whole in words, never with a made-up file name', () => {
    const store = unfinishedImport('the disk holding the store /d/kith.db is full (SQLITE_FULL).');
    expect(store.kind).toBe('store-full');
    expect(store.detail).toContain('SQLITE_FULL');
    // A failure about one file, with no file to name, and a failure of no known kind: the general sentence.
    for (const technical of ['permission denied', 'something odd happened']) {
      const plain = unfinishedImport(technical);
      expect(plain.message).toBe(t('errors.import.unfinished'));
      expect(plain.message).not.toMatch(/“/);
      expect(plain.detail).toBe(technical);
    }
  });
});
