import { corpusFile, expectSynced, importThroughUi, signUp, SYNC_TIMEOUT, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// With the UK as home, North American numbers written as at home ("905-555-1234") read as UK premium-rate lines.
// They wait for the user to check their country and go up only as the numbers the user says they are; the home
// country in Settings reads every number again.

const me = { region: 'GB', number: '07400 000001', e164: '+447400000001' };
const john = 'Mr. John Richter James Doe Sr.';
/** John's seven numbers as Canada reads them: six ordinary numbers, and 905-111-1234, which is none. */
const johnInCanada = ['+19052221234', '+19055551234', '+19056661234', '+19057771234', '+19058881234', '+19059991234'];
const annsMobile = '+447400123456';

test('a number read as a premium-rate line only because of the home country waits until its country is set', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const friends = await writeAddressBook(testInfo, 'friends.vcf', [{ name: 'Ann Lee', phones: ['07400 123456'] }]);
  await signUp(page, me, server.url);
  await importThroughUi(page, [corpusFile('ez-vcard', 'John_Doe_IPHONE.vcf'), friends]);
  await expectSynced(kith);
  expect(await server.uploadedBy(me.e164)).toEqual([annsMobile]);

  await page.getByTestId('nav-contacts').click();
  const johnRow = page.getByTestId('contact-row').filter({ hasText: john });
  const annRow = page.getByTestId('contact-row').filter({ hasText: 'Ann Lee' });
  await expect(johnRow.getByTestId('contact-check-badge')).toHaveText('Check country');
  await expect(annRow.getByTestId('contact-check-badge')).toHaveCount(0);

  await johnRow.click();
  const cell = page.getByTestId('detail-phone').first();
  const check = cell.getByTestId('detail-phone-check');
  await expect(check).toContainText(
    'This number has no country code, so it was read as a premium-rate number of your home country: United Kingdom.',
  );
  await expect(check.getByTestId('detail-phone-suggestion')).toHaveText(
    'It is an ordinary number in another country: +1 905 555 1234 (Canada).',
  );
  await expect(cell.getByTestId('detail-phone-e164')).toHaveText('+449055551234');

  // One number: its own country picker.
  await cell.getByTestId('detail-phone-country').selectOption('CA');
  await expect(check).toHaveCount(0);
  await expect(cell.getByTestId('detail-phone-e164')).toHaveText('+19055551234');
  await expect(cell.getByTestId('phone-status')).toHaveText('Valid');
  await expect.poll(() => server.uploadedBy(me.e164), { timeout: SYNC_TIMEOUT }).toEqual(['+19055551234', annsMobile]);

  // The rest of the contact at once.
  await page.getByTestId('detail-contact-country').selectOption('CA');
  await expect(page.getByTestId('detail-phone-check')).toHaveCount(0);
  await expect(johnRow.getByTestId('contact-check-badge')).toHaveCount(0);
  await expectSynced(kith);
  expect(await server.uploadedBy(me.e164)).toEqual([...johnInCanada, annsMobile]);

  // A new home country: Ann's UK mobile, saved without +44, is no Canadian number and leaves the server; John's
  // numbers keep the country they were given.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-home-country').selectOption('CA');
  await expect(page.getByTestId('settings-home-country-status')).toHaveText(
    '1 number now reads differently. The next sync sends the change.',
  );
  await expect(page.getByTestId('settings-home-country')).toHaveValue('CA');
  await expectSynced(kith);
  expect(await server.uploadedBy(me.e164)).toEqual(johnInCanada);

  await page.getByTestId('nav-contacts').click();
  await annRow.click();
  await expect(page.getByTestId('detail-name')).toHaveText('Ann Lee');
  await expect(page.getByTestId('detail-phone').first().getByTestId('phone-status')).toHaveText('Invalid');
});
