import { contactJoins, corpusFile, expectSynced, importThroughUi, signUp, SYNC_TIMEOUT } from './app.ts';
import { expect, test } from './fixtures.ts';

// From sign-up to a contact joining: onboarding against a real sync server, a real address book, the first sync,
// and the join seen by the saved name on every surface.

const addressBook = corpusFile('ez-vcard', 'John_Doe_IPHONE.vcf');
/** The FN of the one card in that file, and its first (cell) number, 905-555-1234 read as Canadian. */
const savedName = 'Mr. John Richter James Doe Sr.';
const johnsCell = '+19055551234';
const me = { region: 'CA', number: '(416) 962-3456', e164: '+14169623456' };

test('a contact who joins shows up by their saved name, with a notice', async ({ kith, syncServer: server }) => {
  const { page } = kith;
  await signUp(page, me, server.url);
  await expect(page.getByTestId('own-number')).toHaveText(`Signed in as ${me.e164}`);

  await importThroughUi(page, [addressBook]);
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-file', 'John_Doe_IPHONE.vcf');
  await expect(report.getByTestId('import-summary')).toContainText('1 contact: 1 added');
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('source-row')).toHaveCount(1);

  await expectSynced(kith);
  expect(await server.uploadedBy(me.e164)).toContain(johnsCell);

  // The notice: a `joined` AppEvent carrying the name from the address book, shown in the app.
  await contactJoins(page, server, { name: savedName, e164: johnsCell });

  const person = page.getByTestId('on-kith-item');
  await expect(person).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  await expect(person.getByTestId('on-kith-name')).toHaveText(savedName);
  // The number as the Contacts screen writes it: nationally, as the user's own number is Canadian too.
  await expect(person.getByTestId('on-kith-number')).toHaveText('(905) 555-1234');
  await expect(page.getByTestId('on-kith-count')).toHaveText('1 contact uses Kith');

  await page.getByTestId('nav-activity').click();
  const joinEntry = page.locator('[data-testid="activity-item"][data-kind="join"]');
  await expect(joinEntry).toHaveCount(1);
  await expect(joinEntry).toContainText(`${savedName} joined Kith`);

  // The contact's own row says so too.
  await page.getByTestId('nav-contacts').click();
  const row = page.getByTestId('contact-row').filter({ hasText: savedName });
  await expect(row).toContainText('On Kith');
});
