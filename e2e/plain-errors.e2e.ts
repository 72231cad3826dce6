import type { Locator } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { expectSynced, importThroughUi, signUp, SYNC_TIMEOUT, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// Errors a person sees are sentences saying what happened and what to do; the method, path and errno are in a
// Details disclosure under them, closed until opened, and in the log. One button per state of the status bar.

const me = { region: 'CA', number: '613 555 0100' };
const TECHNICAL = /\b(GET|POST|PUT)\b|ECONNREFUSED|\/v1\//;

/** Records what the host logs (browser mode: the host runs in this process and logs with console.warn). */
function captureLog(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
    original(...args);
  };
  return { lines, restore: () => (console.warn = original) };
}

/** A Details disclosure: closed, opened from the keyboard, then showing `detail`. */
async function expectClosedDetails(details: Locator, detail: RegExp): Promise<void> {
  await expect(details).not.toHaveAttribute('open', '');
  await expect(details.locator('code')).toBeHidden();
  await details.locator('summary').focus();
  await details.page().keyboard.press('Enter');
  await expect(details).toHaveAttribute('open', '');
  await expect(details.locator('code')).toHaveText(detail);
}

test('a stopped sync server is said in words, with one button, and the detail is under Details', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const log = captureLog();
  try {
    await signUp(page, me, server.url);
    await importThroughUi(page, [
      await writeAddressBook(testInfo, 'family.vcf', [{ name: 'Ada Lovelace', phones: ['613 555 0111'] }]),
    ]);
    await expectSynced(kith);
    // Synced and well: one button, to sync.
    await expect(page.getByTestId('status-bar').getByRole('button')).toHaveText(['Sync now']);

    await server.stop();
    await importThroughUi(page, [
      await writeAddressBook(testInfo, 'work.vcf', [{ name: 'Grace Hopper', phones: ['613 555 0121'] }]),
    ]);
    const error = page.getByTestId('status-error');
    await expect(error).toHaveText(
      'Can’t reach the Kith server. Your changes are saved and will be sent when it’s back.',
      { timeout: SYNC_TIMEOUT },
    );
    await expect(error).not.toHaveText(TECHNICAL);
    // Failing: one button, to try again.
    await expect(page.getByTestId('status-bar').getByRole('button')).toHaveText(['Try again']);
    await expect(page.getByTestId('status-sync-now')).toHaveCount(0);

    await expectClosedDetails(page.getByTestId('status-error-details'), /ECONNREFUSED/);
    if (kith.target === 'browser') expect(log.lines.join('\n')).toMatch(/sync failed: .*ECONNREFUSED/);

    await server.restart();
    await page.getByTestId('status-retry').click();
    await expectSynced(kith);
    await expect(error).toBeHidden();
    await expect(page.getByTestId('status-bar').getByRole('button')).toHaveText(['Sync now']);
  } finally {
    log.restore();
  }
});

test('onboarding with an unreachable server says so in words, without the request or errno', async ({
  kith,
  syncServer: server,
}) => {
  const { page } = kith;
  await server.stop();
  await expect(page.getByTestId('onboarding-number-form')).toBeVisible();
  await page.getByTestId('onboarding-region').selectOption(me.region);
  await page.getByTestId('onboarding-number').fill(me.number);
  await page.getByTestId('onboarding-number-submit').click();
  await page.getByTestId('onboarding-server-custom').check();
  await page.getByTestId('onboarding-server-url').fill(server.url);
  await page.getByTestId('onboarding-send-code').click();

  const error = page.getByTestId('onboarding-server-error');
  await expect(error).toHaveText(
    'Can’t reach the server at this address. Check the address and your internet connection, then try again.',
  );
  // What is rendered: a closed disclosure's content is not.
  expect(await page.getByTestId('onboarding-server-form').innerText()).not.toMatch(TECHNICAL);
  await expectClosedDetails(
    page.getByTestId('onboarding-server-error-details'),
    /^POST \/v1\/verification\/start: ECONNREFUSED$/,
  );
});

test('a picture picked as an address book is refused by the name the user chose, without any app path', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const picture = testInfo.outputPath('holiday.png');
  const disguised = testInfo.outputPath('Family & friends.vcf');
  await writeFile(picture, png);
  await writeFile(disguised, png);

  await signUp(page, me, server.url);
  await importThroughUi(page, [picture, disguised]);

  const reports = page.getByTestId('import-report');
  await expect(reports.nth(0)).toHaveAttribute('data-file', 'holiday.png');
  await expect(reports.nth(0).getByTestId('import-error')).toHaveText(
    '“holiday.png” is not a vCard (.vcf, .vcard) or CSV (.csv) file, so it was not imported. Export your contacts in one of those formats, and import that.',
  );
  // Sent to the app, which stores it under a name of its own: the report still names it as chosen.
  await expect(reports.nth(1)).toHaveAttribute('data-file', 'Family & friends.vcf');
  await expect(reports.nth(1).getByTestId('import-error')).toHaveText(
    /^“Family & friends\.vcf” is not an address book: it is a PNG image\. Export your contacts/,
  );
  const details = reports.nth(1).getByTestId('import-error-details');
  await expectClosedDetails(details, /^not an address book: this is a PNG image$/);
  const shown = await page.getByTestId('import-reports').innerText();
  expect(shown).not.toContain(kith.dataDir);
  expect(shown).not.toContain('imports');
  expect(shown).not.toContain('Family _ friends');
});
