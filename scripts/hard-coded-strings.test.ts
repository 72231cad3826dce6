import { describe, expect, it } from 'vitest';
import { findHardCoded, scan, SCANNED } from './hard-coded-strings.ts';

const texts = (source: string, file = 'x.tsx'): string[] => findHardCoded(file, source).map((f) => f.text);

describe('the hard-coded string check', () => {
  it('finds text a person reads', () => {
    expect(texts(`const a = <p>No contacts match</p>;`)).toEqual(['No contacts match']);
    expect(texts(`const a = <button aria-label="Close the detail">x</button>;`)).toEqual(['Close the detail', 'x']);
    expect(texts(`const a = <p>{busy ? 'Saving' : 'Save'}</p>;`)).toEqual(['Saving', 'Save']);
    expect(texts(`const nav = [{ id: 'contacts', label: 'contacts' }];`, 'x.ts')).toEqual(['contacts']);
    expect(texts('console.log(`Imported ${n} contacts`);', 'x.ts')).toEqual(['Imported   contacts']);
    expect(texts(`throw new CliError('Nothing to import.');`, 'x.ts')).toEqual(['Nothing to import.']);
    expect(texts(`return 'Offline';`, 'x.ts')).toEqual(['Offline']);
  });

  it('leaves keys, selectors, comparisons, types and developer errors alone', () => {
    const source = `
      import { x } from './a b.ts';
      type Kind = 'Not synced';
      if (event.key === 'Escape') close();
      const dark = matchMedia('(prefers-color-scheme: dark)');
      const el = <div className="contact row" data-state="ready" role="list" />;
      const map = { 'Some key': 1 };
      throw new Error('#app is missing from index.html');
      class ApiError extends Error { constructor() { super(); this.name = 'ApiError'; } }
      const text = t('contacts.none', { count: 2 });
      const nav = [{ screen: 'contacts', label: 'nav.contacts' }];
      const rows = db.prepare('SELECT name FROM contacts WHERE id IN (' + ids + ') AND excluded = 0');
      const where = 'c.id IN (SELECT contact_id FROM phones)';
      const columns = '(contact_id, position, key)';
      class UserError extends Error { override name = 'UserError'; }
      log(\`sync failed: \${why}\`); // i18n-ignore: the technical log
      // i18n-ignore: header texts to match, never shown
      const HEADERS = new Set([
        'e-mail address',
        'primary email',
      ]);
    `;
    expect(texts(source)).toEqual([]);
  });

  it('takes a file-wide mark, and only a mark that gives its reason', () => {
    expect(texts(`// i18n-ignore-file: data\nconst a = 'Some words here';`, 'x.ts')).toEqual([]);
    expect(texts(`const a = 'Some words here'; // i18n-ignore:`, 'x.ts')).toEqual(['Some words here']);
  });

  it('finds nothing outside the catalog in the renderer, the CLI, the demo and the engine', () => {
    const found = scan(SCANNED).map((f) => `${f.file}:${f.line}: ${f.text}`);
    expect(found).toEqual([]);
  });
});
