import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCards } from '../import/apply-cards.ts';
import { openStore } from '../store/open.ts';
import { addLiveSource, recordSourceFailure } from '../store/sources.ts';
import { runKith } from '../testing/kith-cli.ts';
import { tempDir } from '../testing/tmp.ts';

const PEOPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'people');

describe('kith source', () => {
  it('lists files and address books, and removes one with its contacts', { timeout: 60_000 }, async () => {
    const home = tempDir();
    const dbPath = join(home, 'kith.db');
    const kith = (...args: string[]) => runKith(home, ...args, '--db', dbPath);
    expect((await kith('source', 'list')).stdout).toBe('No sources yet: kith import adds a file.\n');
    expect((await kith('import', join(PEOPLE, 'erika.vcf'), '--region', 'DE')).code).toBe(0);

    const db = openStore(dbPath);
    const book = addLiveSource(db, { kind: 'carddav', name: 'Fastmail', settings: { url: 'https://x.example' } }, 1);
    const vcard = 'BEGIN:VCARD\nVERSION:3.0\nUID:u1\nFN:Jo Doe\nTEL:+49 151 23456789\nEND:VCARD';
    await applyCards(db, book, { complete: [{ ref: '/u1.vcf', tag: '"1"', vcard }] }, Date.UTC(2030, 0, 2, 10, 0));
    recordSourceFailure(db, book, 'error', 'The server refused the password.', Date.UTC(2030, 0, 2, 11, 0));
    db.close();

    const json = await kith('source', 'list', '--json');
    expect(json.code).toBe(0);
    const sources = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(sources).toHaveLength(2);
    expect(sources[0]).toMatchObject({
      kind: 'file',
      name: 'erika.vcf',
      format: 'vcard',
      state: 'ok',
      lastError: null,
    });
    // Erika's cards are one person.
    expect(sources[0]!.contacts).toBe(2);
    expect(sources[1]).toEqual({
      id: book,
      kind: 'carddav',
      name: 'Fastmail',
      path: null,
      format: null,
      contacts: 1,
      lastSyncAt: Date.UTC(2030, 0, 2, 10, 0),
      state: 'error',
      lastError: 'The server refused the password.',
    });

    const text = await kith('source', 'list');
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^1 {2}file {2}erika\.vcf {2}2 contacts {2}OK {2}last read /);
    expect(lines[1]).toMatch(new RegExp(`^${book} {2}CardDAV {2}Fastmail {2}1 contact {2}error {2}last read .*2030`));
    expect(lines[2]).toBe('    Last error: The server refused the password.');
    expect(lines[3]).toBe('2 sources');

    const removed = await kith('source', 'remove', String(book));
    expect(removed).toMatchObject({ code: 0, stdout: `Removed source ${book}, Fastmail, and its 1 contact.\n` });
    const after = JSON.parse((await kith('source', 'list', '--json')).stdout) as unknown[];
    expect(after).toHaveLength(1);
    const check = openStore(dbPath);
    expect(check.prepare("SELECT count(*) FROM contacts WHERE name = 'Jo Doe'").pluck().get()).toBe(0);
    check.close();
  });

  it('says what is wrong with a command it cannot run', { timeout: 60_000 }, async () => {
    const home = tempDir();
    const kith = (...args: string[]) => runKith(home, ...args, '--db', join(home, 'kith.db'));
    expect(await kith('source', 'remove', '7')).toMatchObject({
      code: 1,
      stderr: 'kith source remove: there is no source 7; kith source list shows the sources there are\n',
    });
    const bad = await kith('source', 'remove', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('“abc” is not a source id');
    expect((await kith('source', 'remove')).stderr).toContain('give the id of the source to remove');
    expect((await kith('source', 'frob')).stderr).toContain('unknown command frob');
    expect((await kith('source')).code).toBe(2);
  });
});
