import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { appReady, corpusFile, expectSynced, importThroughUi, signUp, SYNC_TIMEOUT, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// Every main screen in light and dark, at the default window size and in a small 800×600 window, kept as test
// artifacts. With KITH_UPDATE_SCREENSHOTS=1 they are also written to docs/screenshots/, where the README shows them.

const docsDir = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const updateDocs = process.env.KITH_UPDATE_SCREENSHOTS === '1';
const size = { width: 1100, height: 760 };
/** A small window: the sidebar shows icons only, and an open contact takes the list's place. */
const small = { width: 800, height: 600, suffix: '800x600' };

const me = { region: 'CA', number: '(613) 555-0100' };
const corpusBook = corpusFile('ez-vcard', 'John_Doe_IPHONE.vcf');
const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures');
/** Three cards of one person, shown as one: and a fourth of another name sharing a number, shown apart. */
const peopleBook = path.join(fixtures, 'people', 'erika.vcf');
const friends = [
  ['Amara Okafor', '613 555 0111'],
  ['Benjamin Tremblay', '613 555 0112'],
  ['Camille Roy', '613 555 0113'],
  ['Dev Patel', '613 555 0114'],
  ['Élodie Gagnon', '613 555 0115'],
  ['Farah Haddad', '613 555 0116'],
  ['Gabriel Martin', '613 555 0117'],
  ['Hana Sato', '613 555 0118'],
  ['Isaac Cohen', '613 555 0119'],
  ['Julia Novak', '613 555 0120'],
  ['Kofi Mensah', '613 555 0121'],
  ['Lucía Fernández', '12345'],
].map(([name, phone]) => ({ name: name!, phones: [phone!] }));
/** Who joins: John Doe's cell from the corpus file, and two friends. */
const joiners = ['+19055551234', '+16135550112', '+16135550116'];

test('screenshots of every main screen, light and dark, large and small', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  test.setTimeout(150_000);
  const { page } = kith;
  await page.setViewportSize(size);
  await appReady(page);
  if (updateDocs) await mkdir(docsDir, { recursive: true });
  const shoot = (name: string) => screenshots(page, testInfo, name);

  await page.getByTestId('onboarding-region').selectOption(me.region);
  await page.getByTestId('onboarding-number').fill(me.number);
  await shoot('onboarding');

  await signUp(page, me, server.url);
  const friendsBook = await writeAddressBook(testInfo, 'friends.vcf', friends);
  // Two cards with photos: the others show their initials.
  const photoCards = (await readFile(path.join(fixtures, 'photos', 'photos.vcf'), 'utf8'))
    .split(/(?=BEGIN:VCARD)/)
    .slice(0, 2)
    .join('');
  const photosBook = testInfo.outputPath('photos.vcf');
  await writeFile(photosBook, photoCards);
  await importThroughUi(page, [friendsBook, corpusBook, photosBook, peopleBook]);
  await expectSynced(kith);
  await expect(page.getByTestId('source-row')).toHaveCount(4);
  await shoot('sources');

  for (const e164 of joiners) await server.join(e164);
  await page.getByTestId('nav-on-kith').click();
  await expect(page.getByTestId('on-kith-item')).toHaveCount(joiners.length, { timeout: SYNC_TIMEOUT });
  await expect(page.getByTestId('toast')).toHaveCount(joiners.length);
  await shoot('on-kith');
  // The notices would go on their own after a while; dismissed now, the later pictures do not depend on timing.
  const toasts = page.getByTestId('toast');
  while ((await toasts.count()) > 0) await toasts.first().getByRole('button', { name: 'Dismiss' }).click();
  await expect(toasts).toHaveCount(0);

  await page.getByTestId('nav-contacts').click();
  await expect(page.getByTestId('contact-row').first()).toBeVisible();
  // Small, the list alone first: once a contact is open, its detail takes the list's place.
  await screenshotsAt(page, testInfo, 'contacts-list', small);
  await page.setViewportSize(size);
  await page.getByTestId('contact-row').filter({ hasText: 'John Richter' }).click();
  await expect(page.getByTestId('detail-phone')).toHaveCount(7);
  await shoot('contacts');

  await page.getByTestId('contact-row').filter({ hasText: 'Erika' }).click();
  await expect(page.getByTestId('detail-phone')).toHaveCount(3);
  await shoot('person');

  await page.getByTestId('nav-activity').click();
  await expect(page.locator('[data-testid="activity-item"][data-kind="join"]')).toHaveCount(joiners.length);
  await shoot('activity');

  await page.getByTestId('nav-privacy').click();
  await expect(page.getByTestId('upload-run')).not.toHaveCount(0);
  await expect(page.getByTestId('privacy-discoverable')).toBeVisible();
  await shoot('privacy');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await shoot('settings');

  // The server gone: the status bar says so in words, with one button and the detail closed under it.
  await server.stop();
  await importThroughUi(page, [
    await writeAddressBook(testInfo, 'later.vcf', [{ name: 'Maya Lindqvist', phones: ['613 555 0131'] }]),
  ]);
  await page.getByTestId('nav-contacts').click();
  await expect(page.getByTestId('status-error')).toContainText('Can’t reach the Kith server', {
    timeout: SYNC_TIMEOUT,
  });
  await shoot('offline');
});

/** The page at the default size and then small, each in light and dark. */
async function screenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await screenshotsAt(page, testInfo, name, { ...size, suffix: '' });
  await screenshotsAt(page, testInfo, name, small);
  await page.setViewportSize(size);
  await settled(page);
}

/** The window at `at`, once the page has laid itself out for it (the contacts screen picks its layout in script). */
async function screenshotsAt(
  page: Page,
  testInfo: TestInfo,
  name: string,
  at: { width: number; height: number; suffix: string },
): Promise<void> {
  await page.setViewportSize({ width: at.width, height: at.height });
  await settled(page);
  await shootBoth(page, testInfo, at.suffix ? `${name}-${at.suffix}` : name);
}

/** Two frames after a resize: the resize observers have run, and React has drawn what they decided. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { requestAnimationFrame } = globalThis as unknown as { requestAnimationFrame: (f: () => void) => void };
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
  );
  const contacts = page.locator('.contacts-screen');
  if ((await contacts.count()) > 0) {
    const width = page.viewportSize()?.width ?? size.width;
    await expect(contacts).toHaveAttribute('data-layout', width <= small.width ? 'single' : 'split');
  }
}

/** The page as it is, in light and then dark: an artifact of the test, and the docs' copy when asked for. */
async function shootBoth(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const file = `${name}-${colorScheme}.png`;
    const body = await page.screenshot({
      path: testInfo.outputPath(file),
      animations: 'disabled',
      caret: 'hide',
    });
    await testInfo.attach(file, { body, contentType: 'image/png' });
    if (updateDocs) await writeFile(path.join(docsDir, file), body);
  }
  await page.emulateMedia({ colorScheme: null });
}
