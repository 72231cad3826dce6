import { writeFile } from 'node:fs/promises';
import { signUp, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// The cards of one person, from one file or two, are one row: same name (ignoring case and accents), a number in
// common. The user can split a card apart again, and that is kept through re-imports and reloads.

const me = { region: 'GB', number: '07400 000001' };
// The second and third cards share no number with each other, only with the first: one person all the same.
const book = [
  { name: 'Dr. Erika Mustermann', phones: ['+49 151 23456789', '+49 30 12345678'] },
  { name: 'Dr. Erika Mustermann', phones: ['+49 151 23456789'] },
  { name: 'Dr. Érika Mustermann', phones: ['+49 30 12345678', '+49 30 87654321'] },
];

test('one person from three cards and a second source is one row, until split apart', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const vcf = await writeAddressBook(testInfo, 'erika.vcf', book);
  const csv = testInfo.outputPath('work.csv');
  await writeFile(csv, 'Name,Mobile Phone\r\nDr. Erika Mustermann,+49 30 87654321\r\n');
  await signUp(page, me, server.url);
  const reports = await kith.importPaths([vcf, csv]);
  expect(reports.map((r) => r.error)).toEqual([null, null]);

  await page.getByTestId('nav-contacts').click();
  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('contacts-count')).toHaveText('1 contact');
  await expect(rows).toContainText('Dr. Erika Mustermann');
  // A number only the second source and the third card hold finds the person once.
  await page.getByTestId('contacts-search').fill('+49 30 8765');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('contacts-count')).toHaveText('1 contact');
  await page.getByTestId('contacts-search').fill('');

  // The Sources screen counts people too: three cards of one person in erika.vcf count once.
  await page.getByTestId('nav-sources').click();
  const source = page.getByTestId('source-row').filter({ hasText: 'erika.vcf' });
  await expect(source.getByTestId('source-counts')).toContainText('1 contact from 3 records');
  await page.getByTestId('nav-contacts').click();

  await rows.first().click();
  const detail = page.getByTestId('contact-detail');
  await expect(detail.getByTestId('detail-phone')).toHaveCount(3);
  for (const e164 of ['+4915123456789', '+493012345678', '+493087654321'])
    await expect(detail.getByTestId('detail-phone-e164').filter({ hasText: e164 })).toHaveCount(1);
  await expect(detail.getByTestId('detail-cards-summary')).toContainText('Shown as one person from 4 cards');
  const cards = detail.getByTestId('detail-card');
  await expect(cards).toHaveCount(4);
  await expect(cards.filter({ hasText: 'erika.vcf' })).toHaveCount(3);
  await expect(cards.filter({ hasText: 'work.csv' })).toHaveCount(1);

  // Split the second source's card apart, from the keyboard.
  const split = cards.filter({ hasText: 'work.csv' }).getByRole('button', { name: /Split the card from work\.csv/ });
  await split.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('contacts-count')).toHaveText('2 contacts');
  await expect(detail.getByTestId('detail-card')).toHaveCount(3);

  // The same files again: the split card stays apart.
  const again = await kith.importPaths([vcf, csv]);
  expect(again.map((r) => r.unchanged)).toEqual([3, 1]);
  await expect(rows).toHaveCount(2);
  await kith.reload();
  await page.getByTestId('nav-contacts').click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('contacts-count')).toHaveText('2 contacts');

  // The split card says so, and can join its person again.
  await rows.nth(1).click();
  await expect(detail.getByTestId('detail-apart')).toBeVisible();
  await detail.getByTestId('detail-join').click();
  await expect(rows).toHaveCount(1);
});
