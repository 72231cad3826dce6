import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContactDetail, ContactPage } from '../ipc/contract.ts';
import { createHandlers, dispatch } from '../ipc/handlers.ts';
import { openTestHost, TEST_APP_INFO as appInfo } from '../testing/app-host.ts';
import { vcard } from '../testing/sync-harness.ts';
import { tempDir } from '../testing/tmp.ts';

/** The country picker and the check, as the app's IPC serves them: the contacts list, the detail, the settings. */

const host = await openTestHost();
afterAll(() => host.close());
const table = createHandlers({ appInfo, host });

async function value<T>(channel: string, args: unknown[]): Promise<T> {
  const reply = await dispatch(table, channel, args);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.value as T;
}

const page = (filter: string) => value<ContactPage>('contacts:page', [{ offset: 0, limit: 50, search: '', filter }]);

describe('the app and numbers whose country is to check', () => {
  it('lists, explains and settles them; a new home country reads every number again', async () => {
    await value('account:set-own-number', ['07400 000001', 'GB']);
    const book = join(tempDir(), 'book.vcf');
    writeFileSync(
      book,
      [
        vcard('a', 'Ann', ['07400 123456', '+1 416 555 0100']),
        vcard('j', 'John', ['905-555-1234', '905-666-1234', '+44 20 7946 0018']),
      ].join('\r\n'),
    );
    await host.importPaths([book]);

    expect((await page('all')).rows.map((r) => [r.name, r.toCheck])).toEqual([
      ['Ann', false],
      ['John', true],
    ]);
    const toCheck = await page('to-check');
    expect(toCheck.rows.map((r) => r.name)).toEqual(['John']);

    const john = await value<ContactDetail>('contacts:detail', [toCheck.rows[0]!.id]);
    expect(john.home).toBe('GB');
    expect(john.phones.map((p) => [p.position, p.choosable, p.chosenCountry])).toEqual([
      [0, true, null],
      [1, true, null],
      [2, false, null],
    ]);
    expect(john.phones[0]!.check).toEqual({
      kind: 'premium-rate',
      home: 'GB',
      suggestion: { country: 'CA', e164: '+19055551234', display: '+1 905 555 1234' },
    });
    expect(john.phones[2]!.check).toBeNull();

    // One number to Canada, the other confirmed as read at home.
    await expect(value('numbers:set-country', [john.id, 0, 'CA'])).resolves.toBe(1);
    await expect(value('numbers:set-country', [john.id, 1, 'GB'])).resolves.toBe(1);
    const settled = await value<ContactDetail>('contacts:detail', [john.id]);
    expect(settled.phones.map((p) => [p.e164, p.chosenCountry, p.check])).toEqual([
      ['+19055551234', 'CA', null],
      ['+449056661234', 'GB', null],
      ['+442079460018', null, null],
    ]);
    expect((await page('to-check')).rows).toEqual([]);

    // A number written with its country code has no country to choose.
    expect(await dispatch(table, 'numbers:set-country', [john.id, 2, 'CA'])).toEqual({
      ok: false,
      error: { code: 'failed', message: '+44 20 7946 0018 is written with its country code; its country is its own' },
    });
    expect(await dispatch(table, 'contacts:set-country', [john.id, 'ZZZ'])).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });

    // The whole contact back to the home default: both numbers are to check again.
    await expect(value('contacts:set-country', [john.id, null])).resolves.toBe(2);
    expect((await page('to-check')).rows.map((r) => r.name)).toEqual(['John']);

    // Home in Canada: John's numbers are ordinary Canadian ones, Ann's UK mobile keeps nothing to check.
    const moved = await value<{ state: { region: string }; renormalized: number }>('settings:set-home-country', ['CA']);
    expect(moved.state.region).toBe('CA');
    expect(moved.renormalized).toBe(3);
    const inCanada = await value<ContactDetail>('contacts:detail', [john.id]);
    expect(inCanada.phones.map((p) => [p.e164, p.status, p.check])).toEqual([
      ['+19055551234', 'valid', null],
      ['+19056661234', 'valid', null],
      ['+442079460018', 'valid', null],
    ]);
    expect((await page('to-check')).rows).toEqual([]);
    expect(await dispatch(table, 'settings:set-home-country', ['XX'])).toEqual({
      ok: false,
      error: { code: 'failed', message: 'XX is not a known country code.' },
    });
  });
});
