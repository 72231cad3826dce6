import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverFor } from '../../server/testing/suite.ts';
import { tempDir } from '../testing/tmp.ts';
import { freshNumber, serverNumbers } from '../testing/sync-harness.ts';
import { runKith, type Outcome } from '../testing/kith-cli.ts';
import { openStore } from '../store/open.ts';
import { getSetting } from '../store/settings.ts';

/** `kith import`, `contacts --json`, `number`, `login` and `sync` as separate processes, against a real server. */

const SLOW = { timeout: 180_000 };
const server = serverFor('sqlite');

/** One iOS card with seven North American numbers written as at home ("905-555-1234", …). */
const JOHN = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'ez-vcard', 'John_Doe_IPHONE.vcf');

interface JsonPhone {
  raw: string;
  e164: string | null;
  status: string;
  country: string | null;
  check: { kind: string; home: string; suggestion: { country: string; e164: string } | null } | null;
}

function phonesOf(run: Outcome): JsonPhone[] {
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as Array<{ phones: JsonPhone[] }>).flatMap((c) => c.phones);
}

describe('kith number', () => {
  it('shows numbers to check, sets or confirms their country, and only then does sync upload them', SLOW, async () => {
    const home = tempDir();
    const db = join(home, 'kith.db');
    const kith = (...args: string[]) => runKith(home, ...args, '--db', db);
    const me = freshNumber();

    const imported = await kith('import', JOHN, '--me', me);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      '7 numbers written without a country code read as service numbers only because of the home country: ' +
        'they are not uploaded until you check them (kith contacts, kith number).\n',
    );

    const before = phonesOf(await kith('contacts', '--json'));
    expect(before[0]).toEqual({
      raw: '905-555-1234',
      label: 'Mobile',
      e164: '+449055551234',
      ext: null,
      status: 'valid',
      reason: 'valid premium-rate number (GB)',
      country: null,
      check: { kind: 'premium-rate', home: 'GB', suggestion: { country: 'CA', e164: '+19055551234' } },
    });
    expect(before.every((p) => p.check?.kind === 'premium-rate')).toBe(true);

    const shown = await kith('number', '905-555-1234');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('905-555-1234 → +449055551234  [valid] valid premium-rate number (GB)\n');
    expect(shown.stdout).toContain('It looks like a number in CA: +19055551234 (--country CA).');

    const login = await kith('login', '--server', server().url, '--phone', me);
    expect(login.code).toBe(0);
    expect((await kith('sync')).code).toBe(0);
    const token = () => {
      const store = openStore(db);
      try {
        return getSetting(store, 'session_token') ?? '';
      } finally {
        store.close();
      }
    };
    expect(await serverNumbers(server().url, token())).toEqual([]);

    const set = await kith('number', '905-555-1234', '--country', 'ca');
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toBe(
      'Set the country to CA for 905-555-1234: 1 stored number read again.\n' +
        'Mr. John Richter James Doe Sr.: 905-555-1234 → +19055551234  [valid] valid fixed-line or mobile number (CA)' +
        '  (country CA, chosen)\n',
    );
    // The home reading, as shown, stands for the number written without a country code.
    const confirmed = await kith('number', '+449056661234', '--confirm');
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^Confirmed GB for \+449056661234: 1 stored number read again\.\n/);

    const after = phonesOf(await kith('contacts', '--json'));
    expect(after.slice(0, 3).map((p) => [p.e164, p.country, p.check?.kind ?? null])).toEqual([
      ['+19055551234', 'CA', null],
      ['+449056661234', 'GB', null],
      ['+449057771234', null, 'premium-rate'],
    ]);

    expect((await kith('sync')).code).toBe(0);
    expect(await serverNumbers(server().url, token())).toEqual(['+19055551234', '+449056661234']);
  });

  it('says what is wrong with a number or a country it cannot use', SLOW, async () => {
    const home = tempDir();
    const db = join(home, 'kith.db');
    const kith = (...args: string[]) => runKith(home, ...args, '--db', db);
    expect((await kith('import', JOHN, '--region', 'GB')).code).toBe(0);

    expect(await kith('number', '020 7946 0018', '--country', 'CA')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'kith number: no stored number written without a country code matches 020 7946 0018\n',
    });
    expect(await kith('number', '+44 20 7946 0018')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'kith number: no stored number written without a country code reads as +442079460018\n',
    });
    expect(await kith('number', '905-555-1234', '--country', 'XX')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kith number: --country XX: not a known ISO 3166 country code\n',
    });
    const both = await kith('number', '905-555-1234', '--country', 'CA', '--confirm');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give either --country CC or --confirm, not both');
    expect((await kith('number')).code).toBe(2);
  });
});
