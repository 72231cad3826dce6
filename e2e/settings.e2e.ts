import type { Locator, Page } from '@playwright/test';
import path from 'node:path';
import { expectSynced, importThroughUi, signUp, SYNC_TIMEOUT, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// The Settings screen, worked from the keyboard: the home country, the theme, join notifications, the server with
// sign-out, and the data folder.

const me = { region: 'CA', number: '613 555 0100', e164: '+16135550100' };
const ada = { name: 'Ada Lovelace', phone: '613 555 0111', e164: '+16135550111' };
const bea = { name: 'Bea Smith', phone: '613 555 0122', e164: '+16135550122' };
/** A UK mobile saved without +44: no Canadian number, a valid one once the home country is the UK. */
const ann = { name: 'Ann Lee', phone: '07400 123456', e164: '+447400123456' };

/** Presses Tab until `target` has the focus, as someone without a mouse would. */
async function tabTo(page: Page, target: Locator, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement).catch(() => false)) {
      return;
    }
  }
  throw new Error(`${target.toString()} cannot be reached with Tab`);
}

async function openSettings(page: Page): Promise<void> {
  await tabTo(page, page.getByTestId('nav-settings'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-screen')).toBeVisible();
}

test('home country, theme, and the server with its one sign-out, from the keyboard', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const storedSetting = (key: string) =>
    kith.readStore((db) => db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key));
  await signUp(page, me, server.url);
  await importThroughUi(page, [
    await writeAddressBook(testInfo, 'friends.vcf', [{ name: ann.name, phones: [ann.phone] }]),
  ]);
  await expectSynced(kith);
  expect(await server.uploadedBy(me.e164)).toEqual([]);

  await openSettings(page);

  // A new home country reads every number again, and the next sync sends what changed.
  const home = page.getByTestId('settings-home-country');
  await tabTo(page, home);
  await home.selectOption('GB');
  await expect(page.getByTestId('settings-home-country-status')).toHaveText(
    '1 number now reads differently. The next sync sends the change.',
  );
  await expect.poll(() => server.uploadedBy(me.e164), { timeout: SYNC_TIMEOUT }).toEqual([ann.e164]);

  // The theme: arrow keys move through the choices and apply each at once.
  await tabTo(page, page.getByTestId('theme-system'));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('theme-light')).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('theme-dark')).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => storedSetting('theme')).toBe('dark');

  // The server and the number signed in to it.
  await expect(page.getByTestId('settings-server')).toHaveText(server.url);
  await expect(page.getByTestId('settings-signed-in-number')).toHaveText(me.e164);

  // Exactly one sign-out control in the app: here, not on the Privacy screen.
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  await expect(signOut).toHaveCount(1);
  await page.getByTestId('nav-privacy').click();
  await expect(page.getByTestId('privacy-explainer')).toBeVisible();
  await expect(signOut).toHaveCount(0);
  await openSettings(page);

  // Asked first; Esc keeps the session.
  await tabTo(page, page.getByTestId('settings-sign-out'));
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Sign out on this computer?');
  await expect(dialog).toContainText('Your address book stays on this computer.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('settings-signed-in-number')).toHaveText(me.e164);

  await page.getByTestId('settings-sign-out').press('Enter');
  await expect(page.getByTestId('confirm-cancel')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('confirm-accept')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('onboarding')).toBeVisible();
  expect(storedSetting('session_token')).toBeUndefined();
});

test('with join notifications off, a contact joining raises none; on again, it does', async ({
  kith,
  harness,
  syncServer: server,
}, testInfo) => {
  test.skip(!harness, 'the OS notifications of the desktop app are not observable here; see notifications.test.ts');
  const { page } = kith;
  const shown = () => harness!.notifications.map((toast) => toast.body);
  await signUp(page, me, server.url);
  const book = await writeAddressBook(testInfo, 'friends.vcf', [
    { name: ada.name, phones: [ada.phone] },
    { name: bea.name, phones: [bea.phone] },
  ]);
  await importThroughUi(page, [book]);
  await expectSynced(kith);

  await openSettings(page);
  const notify = page.getByTestId('settings-notifications');
  await expect(notify).toBeChecked();
  await tabTo(page, notify);
  await page.keyboard.press('Space');
  await expect(notify).not.toBeChecked();
  await expect.poll(() => kith.host!.state().notifications).toBe(false);

  // The join still reaches the app (its notice inside the window), but no notification is raised.
  await server.join(ada.e164);
  const notices = page.getByTestId('toast');
  await expect(notices.getByText(`${ada.name} joined Kith`, { exact: true })).toBeVisible({ timeout: SYNC_TIMEOUT });
  expect(shown()).toEqual([]);

  await page.keyboard.press('Space');
  await expect(notify).toBeChecked();
  await server.join(bea.e164);
  await expect(notices.getByText(`${bea.name} joined Kith`, { exact: true })).toBeVisible({ timeout: SYNC_TIMEOUT });
  expect(shown()).toEqual([`${bea.name} joined Kith`]);
});

test('the data folder is named, and "Show in folder" opens it', async ({ kith, harness, syncServer: server }) => {
  const { page } = kith;
  await signUp(page, me, server.url);
  await openSettings(page);
  const folder = path.resolve(kith.dataDir);
  await expect(page.getByTestId('settings-data-folder')).toHaveText(folder);

  test.skip(!harness, 'in the desktop app this opens the real file manager; see reveal.test.ts');
  const show = page.getByTestId('settings-show-data-folder');
  await expect(show).toHaveText('Show in folder');
  await tabTo(page, show);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-data-folder-status')).toHaveText(`Opened ${folder} in the file manager.`);
  expect(harness!.revealed).toEqual([folder]);
});

test('the shell asking for a screen (Preferences… in the menu) opens it', async ({ kith, syncServer: server }) => {
  test.skip(kith.host === null, 'the browser harness pushes the shell event; Electron sends it from its menu');
  const { page } = kith;
  await signUp(page, me, server.url);
  await page.getByTestId('nav-contacts').click();
  kith.host!.emit('event', { type: 'navigate', screen: 'settings' });
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('#content')).toBeFocused();
});
