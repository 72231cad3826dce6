import type { Dialog } from '@playwright/test';
import { contactJoins, expectSynced, importThroughUi, signUp, SYNC_TIMEOUT, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// A name from an address book is data, never markup: wherever it is shown it reads exactly as saved.

const me = { region: 'CA', number: '613 555 0100', e164: '+16135550100' };
const hostile = '<img src=x onerror=alert(1)>';
const hostileNumber = '+16135550171';

test('a contact named like markup is shown as text in the list, the detail and On Kith', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const dialogs: string[] = [];
  page.on('dialog', (dialog: Dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const noMarkup = async () => {
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  };

  const file = await writeAddressBook(testInfo, 'hostile.vcf', [
    { name: hostile, phones: ['613 555 0171'] },
    { name: 'Plain Person', phones: ['613 555 0172'] },
  ]);

  await signUp(page, me, server.url);
  await importThroughUi(page, [file]);
  await expectSynced(kith);

  await page.getByTestId('nav-contacts').click();
  const list = page.getByTestId('contacts-list');
  await expect(list.getByText(hostile, { exact: true })).toHaveCount(1);
  await noMarkup();

  await page.getByTestId('contact-row').filter({ hasText: hostile }).click();
  await expect(page.getByTestId('detail-name')).toHaveText(hostile);
  await expect(page.getByTestId('detail-phone-e164')).toHaveText(hostileNumber);
  await noMarkup();

  // Search sends the text as a query, not as a pattern or markup.
  await page.getByTestId('contacts-search').fill('<img src=x');
  await expect(page.getByTestId('contacts-count')).toHaveText('1 contact');
  await expect(list.getByText(hostile, { exact: true })).toHaveCount(1);
  await noMarkup();

  await contactJoins(page, server, { name: hostile, e164: hostileNumber });
  await expect(page.getByTestId('on-kith-name')).toHaveText([hostile], { timeout: SYNC_TIMEOUT });
  await noMarkup();

  await page.getByTestId('nav-activity').click();
  await expect(page.locator('[data-testid="activity-item"][data-kind="join"]')).toContainText(`${hostile} joined Kith`);
  await noMarkup();
});
