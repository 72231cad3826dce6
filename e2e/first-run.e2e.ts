import type { Page } from '@playwright/test';
import { appReady, importThroughUi, signUp, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// What a new user meets in the first minutes: the onboarding's feedback on a short number, the status straight
// after sign-in, the Sources screen during and after a first import, and the colours they pick.

const me = { region: 'CA', number: '(613) 555-0100' };

/** The root element's computed background, as `rgb(r, g, b)`. */
function background(page: Page): Promise<string> {
  return page.evaluate(() => {
    const scope = globalThis as unknown as {
      document: { documentElement: unknown };
      getComputedStyle(element: unknown): { backgroundColor: string };
    };
    return scope.getComputedStyle(scope.document.documentElement).backgroundColor;
  });
}

/** base.css's --bg in each scheme. */
const LIGHT = 'rgb(246, 246, 243)';
const DARK = 'rgb(21, 23, 22)';

test('a number too short for the country picked is called too short', async ({ page }) => {
  await appReady(page);
  await page.getByTestId('onboarding-region').selectOption('CA');
  const number = page.getByTestId('onboarding-number');
  await number.fill('12');
  await page.getByTestId('onboarding-number-submit').click();
  const error = page.getByTestId('onboarding-number-error');
  await expect(error).toHaveText('This number is too short for Canada: check that no digit is missing.');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('onboarding-number-form')).toBeVisible();

  await number.fill('');
  await page.getByTestId('onboarding-number-submit').click();
  await expect(error).toHaveText('Enter your phone number.');

  await number.fill(me.number);
  await page.getByTestId('onboarding-number-submit').click();
  await expect(page.getByTestId('onboarding-server-form')).toBeVisible();
});

test('straight after sign-in the status bar says Online and synced, before anything is imported', async ({
  kith,
  syncServer: server,
}) => {
  const { page } = kith;
  await signUp(page, me, server.url);
  await expect(page.getByTestId('status-connectivity')).toHaveText('Online');
  await expect(page.getByTestId('status-last-sync')).toHaveText(/^Last synced /);
  await expect(page.getByTestId('status-queued')).toHaveText('Nothing waiting to upload');
  await expect(page.getByTestId('status-error')).toHaveCount(0);
});

test('"Nothing imported yet" never shows beside the report of an import that worked', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  await signUp(page, me, server.url);
  await expect(page.getByTestId('sources-empty')).toHaveText('Nothing imported yet.');
  // Every moment both are on the page, from the start of the import on.
  await page.evaluate(() => {
    const scope = globalThis as unknown as {
      kithBoth: number;
      document: { querySelector(selector: string): unknown };
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
    };
    scope.kithBoth = 0;
    new scope.MutationObserver(() => {
      const report = scope.document.querySelector('[data-testid="import-report"]');
      if (report && scope.document.querySelector('[data-testid="sources-empty"]')) scope.kithBoth++;
    }).observe(scope.document, { childList: true, subtree: true, characterData: true });
  });
  const file = await writeAddressBook(testInfo, 'friends.vcf', [
    { name: 'Amara Okafor', phones: ['613 555 0111'] },
    { name: 'Dev Patel', phones: ['613 555 0114'] },
  ]);
  await importThroughUi(page, [file]);
  await expect(page.getByTestId('source-row')).toHaveCount(1);
  await expect(page.getByTestId('import-summary')).toContainText('2 contacts: 2 added');
  await expect(page.getByTestId('sources-empty')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { kithBoth: number }).kithBoth)).toBe(0);

  // Removed again, the list is empty and says so, whatever the report of the earlier import said.
  await page.getByTestId('source-remove').click();
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByTestId('source-row')).toHaveCount(0);
  await expect(page.getByTestId('sources-empty')).toBeVisible();
});

test('the theme picked in Settings applies at once and is kept across a reload', async ({
  kith,
  syncServer: server,
}) => {
  const { page } = kith;
  await page.emulateMedia({ colorScheme: 'light' });
  await signUp(page, me, server.url);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('theme-system')).toBeChecked();
  expect(await background(page)).toBe(LIGHT);

  await page.getByTestId('theme-dark').check();
  await expect.poll(() => background(page)).toBe(DARK);
  expect(kith.readStore((db) => db.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get())).toBe(
    'dark',
  );

  await kith.reload();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('theme-dark')).toBeChecked();
  expect(await background(page)).toBe(DARK);

  // Light wins over a dark system; "the system" follows it either way.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('theme-light').check();
  await expect.poll(() => background(page)).toBe(LIGHT);
  await page.getByTestId('theme-system').check();
  await expect.poll(() => background(page)).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(LIGHT);

  await kith.reload();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('theme-system')).toBeChecked();
  expect(await background(page)).toBe(LIGHT);
});
