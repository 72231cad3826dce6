import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { contactJoins, expectSynced, importThroughUi, signUp, SYNC_TIMEOUT, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// Contact photos: a card's embedded PHOTO (2.1, 3.0 and 4.0 ways) shows in place of the initials in the list, the
// detail and On Kith; a card without one shows its initials; a refused photo (SVG, a decompression bomb, a link) is
// reported by line and the card still arrives. The page's CSP stays as it is: photos come as data: URLs.

const photos = path.join(import.meta.dirname, '..', 'fixtures', 'photos');
const me = { region: 'GB', number: '07400 123456' };

/** The few page globals the checks use (e2e code is typed without the DOM). */
interface ImageElement {
  complete: boolean;
  naturalWidth: number;
  src: string;
}

/** The avatar's picture once Chromium has decoded it: its natural width, and the start of its src. */
async function decoded(avatar: Locator): Promise<{ width: number; src: string }> {
  const img = avatar.locator('img');
  await expect(img).toHaveCount(1);
  await expect.poll(() => img.evaluate((el) => (el as unknown as ImageElement).complete)).toBe(true);
  return img.evaluate((el) => {
    const image = el as unknown as ImageElement;
    return { width: image.naturalWidth, src: image.src.slice(0, 22) };
  });
}

test('photos show in place of initials; refused ones are reported', async ({ kith, syncServer: server }) => {
  const { page } = kith;
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signUp(page, me, server.url);
  await importThroughUi(page, [path.join(photos, 'photos.vcf')]);

  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('import-summary')).toHaveText(
    '8 contacts: 8 added, 0 updated, 0 unchanged, 0 removed',
  );
  await report.getByTestId('import-issues-toggle').click();
  const lines = readFileSync(path.join(photos, 'photos.vcf'), 'utf8').split('\r\n');
  const lineOf = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;
  await expect(report.getByTestId('import-issue')).toHaveText([
    `Line ${lineOf('PHOTO:data:image/svg+xml')}: The PHOTO is an SVG image, which Kith does not show, so it was ignored.`,
    `Line ${lineOf('PHOTO;ENCODING=b;TYPE=PNG')}: The PHOTO is 100,000 × 100,000 pixels, larger than 2,048 × 2,048, so it was ignored.`,
    `Line ${lineOf('PHOTO:https://')}: The PHOTO is a link, and Kith never fetches links, so it was ignored.`,
  ]);

  await page.getByTestId('nav-contacts').click();
  const row = (name: string) => page.getByTestId('contact-row').filter({ hasText: name }).getByTestId('avatar');
  // Each format, whatever TYPE the card declared, decoded by the browser.
  const expected: Array<[string, string]> = [
    ['Ada Lovelace', 'data:image/png;base64,'],
    ['Grace Hopper', 'data:image/jpeg;base64'],
    ['Alan Turing', 'data:image/webp;base64'],
    ['Katherine Johnson', 'data:image/gif;base64,'],
  ];
  for (const [name, src] of expected) {
    await expect(row(name)).toHaveAttribute('data-avatar', 'photo');
    const image = await decoded(row(name));
    expect(image.width, name).toBeGreaterThan(0);
    expect(image.src, name).toBe(src);
  }
  // No photo, or a refused one: initials on a colour, hidden from screen readers.
  for (const [name, initials] of [
    ['Mary Jackson', 'MJ'],
    ['Sven Svg', 'SS'],
    ['Bea Bomb', 'BB'],
    ['Lena Link', 'LL'],
  ]) {
    await expect(row(name!)).toHaveAttribute('data-avatar', 'initials');
    await expect(row(name!)).toHaveText(initials!);
    await expect(row(name!)).toHaveAttribute('aria-hidden', 'true');
  }

  // The detail's header: the photo, large.
  await page.getByTestId('contact-row').filter({ hasText: 'Grace Hopper' }).click();
  const head = page.getByTestId('contact-detail').getByTestId('avatar');
  await expect(head).toHaveAttribute('data-size', 'large');
  expect((await decoded(head)).width).toBe(48);
  await page.getByTestId('contact-row').filter({ hasText: 'Mary Jackson' }).click();
  await expect(page.getByTestId('detail-name')).toHaveText('Mary Jackson');
  await expect(head).toHaveText('MJ');

  // On Kith: a contact with a photo joins.
  const joiner = path.join(photos, 'photo.png');
  const book = await writeAddressBook(
    test.info(),
    'joiner.vcf',
    [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Jo Joiner',
      'TEL:+44 7400 555123',
      `PHOTO:data:image/png;base64,${readFileSync(joiner).toString('base64')}`,
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Nils Nophoto',
      'TEL:+44 7400 555124',
      'END:VCARD',
      '',
    ].join('\r\n'),
  );
  await importThroughUi(page, [book]);
  await expectSynced(kith);
  await contactJoins(page, server, { name: 'Jo Joiner', e164: '+447400555123' });
  await server.join('+447400555124');
  const person = (name: string) => page.getByTestId('on-kith-item').filter({ hasText: name }).getByTestId('avatar');
  await expect(person('Jo Joiner')).toHaveAttribute('data-avatar', 'photo', { timeout: SYNC_TIMEOUT });
  expect((await decoded(person('Jo Joiner'))).width).toBe(16);
  await expect(person('Nils Nophoto')).toHaveText('NN', { timeout: SYNC_TIMEOUT });

  expect(violations).toEqual([]);
});
