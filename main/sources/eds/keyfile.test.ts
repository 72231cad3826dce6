import { describe, expect, it } from 'vitest';
import { localized, parseKeyFile } from './keyfile.ts';

const SOURCE = [
  '# A comment',
  '[Data Source]',
  'DisplayName[de]=Geburts- & Jahrestage',
  'DisplayName[pt_BR]=Aniversários',
  'DisplayName=Birthdays\\s&\\sAnniversaries\\\\',
  'Enabled=true',
  '',
  '[Address Book]',
  'BackendName = carddav',
  'Note=line one\\nline two',
].join('\n');

describe('EDS source key files', () => {
  it('reads groups, unescapes values and keeps localized keys apart', () => {
    const keys = parseKeyFile(SOURCE);
    expect([...keys.keys()]).toEqual(['Data Source', 'Address Book']);
    expect(keys.get('Data Source')?.get('DisplayName')).toBe('Birthdays & Anniversaries\\');
    expect(keys.get('Address Book')?.get('BackendName')).toBe('carddav');
    expect(keys.get('Address Book')?.get('Note')).toBe('line one\nline two');
  });

  it('picks the display name for the locale, then its language, then the plain one', () => {
    const common = parseKeyFile(SOURCE).get('Data Source');
    expect(localized(common, 'DisplayName', ['pt_BR'])).toBe('Aniversários');
    expect(localized(common, 'DisplayName', ['de_AT'])).toBe('Geburts- & Jahrestage');
    expect(localized(common, 'DisplayName', ['fr_FR'])).toBe('Birthdays & Anniversaries\\');
    expect(localized(common, 'DisplayName', [])).toBe('Birthdays & Anniversaries\\');
    expect(localized(undefined, 'DisplayName', [])).toBeUndefined();
  });
});
