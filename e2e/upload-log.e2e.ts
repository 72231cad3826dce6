import type { KithApi } from '../main/ipc/contract.ts';
import { expectSynced, signUp, SYNC_TIMEOUT, writeAddressBook, type Card } from './app.ts';
import { expect, test } from './fixtures.ts';

// Numbers by the names saved for them: the upload log one line per sync (opening to its batches, then to their
// numbers), the excluded numbers and contacts, On Kith; and signing out asks first.

const me = { region: 'GB', number: '07400 123456' };
/** The i-th number of the book: `07400 1xxxxx`, as written and as E.164. */
const national = (i: number) => `07400 ${100_000 + i}`;
const e164 = (i: number) => `+447400${100_000 + i}`;

// 1,200 distinct numbers, three batches of at most 500: number 0 is held by two contacts, Zoe has three numbers.
const book: Card[] = [
  { name: 'Erika Mustermann', phones: [national(0)] },
  { name: 'Max Mustermann', phones: [national(0)] },
  ...Array.from({ length: 1196 }, (_, k) => ({
    name: `Person ${String(k + 1).padStart(4, '0')}`,
    phones: [national(k + 1)],
  })),
  { name: 'Zoe Multiple', phones: [national(1197), national(1198), national(1199)] },
];

test('one sync is one line in the upload log; numbers show the names saved for them; sign-out asks first', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  test.setTimeout(90_000);
  const { page } = kith;
  await signUp(page, me, server.url);
  const [report] = await kith.importPaths([await writeAddressBook(testInfo, 'book.vcf', book)]);
  expect(report).toMatchObject({ error: null, contacts: book.length });
  await expectSynced(kith);

  // One run, with its total, for the three batches.
  await page.getByTestId('nav-privacy').click();
  const runs = page.getByTestId('upload-run');
  await expect(runs).toHaveCount(1);
  await expect(runs.getByTestId('upload-run-summary')).toHaveText(/^Sync at .+ — 1.?200 numbers added$/);
  await expect(runs.getByTestId('upload-run-batches')).toHaveText('in 3 batches');

  // Opened from the keyboard: its batches, oldest first.
  const toggle = runs.getByTestId('upload-run-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const batches = page.getByTestId('upload-batch');
  await expect(batches.getByTestId('upload-batch-counts')).toHaveText([
    'Batch 1 of 3: 500 numbers added',
    'Batch 2 of 3: 500 numbers added',
    'Batch 3 of 3: 200 numbers added',
  ]);
  await expect(batches.getByTestId('upload-batch-result')).toHaveText(['Applied', 'Applied', 'Applied']);

  // The first batch's numbers, a page at a time, each beside the name saved for it.
  const firstBatch = batches.first().getByTestId('upload-batch-toggle');
  await firstBatch.press('Space');
  await expect(firstBatch).toHaveAttribute('aria-expanded', 'true');
  const numbers = page.getByTestId('upload-number');
  await expect(numbers).toHaveCount(100);
  const shared = numbers.first();
  await expect(shared.getByTestId('named-number-name')).toHaveText('Erika Mustermann and 1 more');
  await expect(shared.getByLabel('and 1 more contact')).toBeVisible();
  await expect(shared.getByTestId('named-number-number')).toHaveText('07400 100000');
  await expect(numbers.nth(1).getByTestId('named-number-name')).toHaveText('Person 0001');
  await expect(numbers.nth(1).getByTestId('named-number-number')).toHaveText('07400 100001');
  await page.getByTestId('upload-numbers-more').click();
  await expect(numbers).toHaveCount(200);
  await expect(numbers.nth(199).getByTestId('named-number-name')).toHaveText('Person 0199');

  // On Kith: the saved name, then the number as the Contacts screen writes it.
  await server.join(e164(0));
  await server.join(e164(5));
  await page.getByTestId('nav-on-kith').click();
  const people = page.getByTestId('on-kith-item');
  await expect(people).toHaveCount(2, { timeout: SYNC_TIMEOUT });
  await expect(people.getByTestId('on-kith-name')).toHaveText(['Erika Mustermann', 'Person 0005']);
  await expect(people.getByTestId('on-kith-number')).toHaveText(['07400 100000', '07400 100005']);
  await expect(people.first().getByLabel('and 1 more contact')).toBeVisible();

  // Excluded: a number, by the name saved for it, and a contact, with its first number and how many more.
  // Through the page's bridge, as the Contacts screen does it.
  await page.evaluate(
    async ({ number, name }) => {
      const kith = (globalThis as unknown as { kith: KithApi }).kith;
      const found = await kith.contactPage({ offset: 0, limit: 1, search: name, filter: 'all' });
      if (!found.ok || found.value.rows.length !== 1) throw new Error(`no contact ${name}`);
      await kith.setNumberExcluded(number, true);
      await kith.setContactExcluded(found.value.rows[0]!.id, true);
    },
    { number: e164(0), name: 'Zoe Multiple' },
  );
  await page.getByTestId('nav-privacy').click();
  const excludedNumber = page.getByTestId('privacy-excluded-number');
  await expect(excludedNumber.getByTestId('named-number-name')).toHaveText('Erika Mustermann and 1 more');
  await expect(excludedNumber.getByTestId('named-number-number')).toHaveText('07400 100000');
  const excludedContact = page.getByTestId('privacy-excluded-contact');
  await expect(excludedContact.getByTestId('privacy-excluded-name')).toHaveText('Zoe Multiple');
  await expect(excludedContact.getByTestId('privacy-excluded-phone')).toHaveText('07400 101197 and 2 more');
  await expect(excludedContact.getByLabel('and 2 more numbers')).toBeVisible();

  // Their removal is the next sync, listed first.
  await expectSynced(kith);
  await expect(runs).toHaveCount(2, { timeout: SYNC_TIMEOUT });
  await expect(runs.first().getByTestId('upload-run-summary')).toHaveText(/^Sync at .+ — 4 numbers removed$/);
  await runs.first().getByTestId('upload-run-toggle').click();
  await expect(runs.first().getByTestId('upload-number')).toHaveCount(4);
  await expect(runs.first().getByTestId('named-number-name')).toHaveText([
    'Erika Mustermann and 1 more',
    'Zoe Multiple',
    'Zoe Multiple',
    'Zoe Multiple',
  ]);

  // Signing out (in Settings) asks first and says what happens; cancelling keeps the session.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-sign-out').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('stops syncing');
  await expect(dialog).toContainText('Your address book stays on this computer.');
  await expect(dialog).toContainText('The numbers you uploaded stay on the server.');
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-connectivity')).toHaveText('Online');
  await page.getByTestId('settings-sign-out').click();
  await dialog.getByTestId('confirm-accept').click();
  await expect(page.getByTestId('onboarding')).toBeVisible();
});
