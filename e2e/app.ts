import type { Page, TestInfo } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppEvent, KithApi } from '../main/ipc/contract.ts';
import { expect, type KithApp } from './fixtures.ts';
import type { TestSyncServer } from './sync-server.ts';

// Steps the specs share, all through the UI's named states and test ids (never a fixed wait).

/** A file of the vCard/CSV test corpus (fixtures/corpus, see its SOURCES.md). */
export function corpusFile(...parts: string[]): string {
  return path.resolve(import.meta.dirname, '..', 'fixtures', 'corpus', ...parts);
}

/** Long enough for a sync on a loaded two-core machine. */
export const SYNC_TIMEOUT = 30_000;

export interface Account {
  /** ISO country code picked in the onboarding list. */
  region: string;
  /** The number as the user types it. */
  number: string;
}

export async function appReady(page: Page): Promise<void> {
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready');
}

/** Onboarding through the UI against the server at `serverUrl`, whose dev mode hands the code back. */
export async function signUp(page: Page, account: Account, serverUrl: string): Promise<void> {
  await appReady(page);
  await expect(page.getByTestId('onboarding-number-form')).toBeVisible();
  await page.getByTestId('onboarding-region').selectOption(account.region);
  await page.getByTestId('onboarding-number').fill(account.number);
  await page.getByTestId('onboarding-number-submit').click();

  await expect(page.getByTestId('onboarding-server-form')).toBeVisible();
  await page.getByTestId('onboarding-server-custom').check();
  await page.getByTestId('onboarding-server-url').fill(serverUrl);
  await page.getByTestId('onboarding-send-code').click();

  await expect(page.getByTestId('onboarding-code-form')).toBeVisible();
  await expect(page.getByTestId('onboarding-dev-code-note')).toBeVisible();
  await expect(page.getByTestId('onboarding-code')).toHaveValue(/^\d{6}$/);
  await page.getByTestId('onboarding-verify').click();

  // Straight after onboarding the app opens on Sources, the next step.
  await expect(page.getByTestId('onboarding')).toBeHidden();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
}

/** Picks files in the Sources screen's file input and waits for one report per file. */
export async function importThroughUi(page: Page, files: string[]): Promise<void> {
  await page.getByTestId('nav-sources').click();
  await page.getByTestId('import-file-input').setInputFiles(files);
  const reports = page.getByTestId('import-report');
  await expect(reports).toHaveCount(files.length, { timeout: SYNC_TIMEOUT });
  // The input is enabled again once the whole import has finished.
  await expect(page.getByTestId('import-choose')).toBeEnabled({ timeout: SYNC_TIMEOUT });
}

/** Numbers the engine still has to send: queued in the outbox, or changed and not yet cut into a batch. */
export function unsentNumbers(kith: KithApp): number {
  return kith.readStore(
    (db) =>
      db
        .prepare(
          `SELECT count(*) FROM numbers WHERE outbox_id IS NOT NULL
             OR (rejected IS NULL AND ((state = 'new' AND refs > 0) OR state = 'pending_removal'))`,
        )
        .pluck()
        .get() as number,
  );
}

/** Waits until everything imported has gone up, then checks that the status bar says so. */
export async function expectSynced(kith: KithApp, timeout = SYNC_TIMEOUT): Promise<void> {
  await expect.poll(() => unsentNumbers(kith), { timeout }).toBe(0);
  const { page } = kith;
  await expect(page.getByTestId('status-connectivity')).toHaveText('Online', { timeout });
  await expect(page.getByTestId('status-queued')).toHaveText('Nothing waiting to upload', { timeout });
  await expect(page.getByTestId('status-last-sync')).toHaveText(/^Last synced/, { timeout });
  await expect(page.getByTestId('status-progress')).not.toContainText('Syncing', { timeout });
}

interface EventLog {
  kithEvents: AppEvent[];
}

/** From now on, every AppEvent the page receives through `window.kith.onEvent` is kept for `waitForJoinedEvent`. */
async function recordAppEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as EventLog & { kith: KithApi };
    scope.kithEvents = [];
    scope.kith.onEvent((event) => scope.kithEvents.push(event));
  });
}

/** The first `joined` event recorded in the page that names `name`. */
type JoinedContact = Extract<AppEvent, { type: 'joined' }>['contacts'][number];

async function waitForJoinedEvent(page: Page, name: string): Promise<JoinedContact> {
  const handle = await page.waitForFunction(
    (wanted) =>
      (globalThis as unknown as EventLog).kithEvents
        .flatMap((event) => (event.type === 'joined' ? event.contacts : []))
        .find((contact) => contact.name === wanted),
    name,
    { timeout: SYNC_TIMEOUT },
  );
  return (await handle.jsonValue())!;
}

/**
 * The contact with this number signs up to Kith while the app shows On Kith, still empty. The page must receive the
 * `joined` AppEvent (through `window.kith.onEvent`) with the name saved in the address book, and show it as a notice.
 */
export async function contactJoins(page: Page, server: TestSyncServer, contact: JoinedContact): Promise<void> {
  await page.getByTestId('nav-on-kith').click();
  await expect(page.getByTestId('on-kith-empty')).toBeVisible();
  await recordAppEvents(page);
  await server.join(contact.e164);
  expect(await waitForJoinedEvent(page, contact.name)).toEqual(contact);
  const notice = page.getByTestId('toast').getByText(`${contact.name} joined Kith`, { exact: true });
  await expect(notice).toBeVisible({ timeout: SYNC_TIMEOUT });
}

export interface Card {
  name: string;
  phones: string[];
}

/** One vCard 3.0 card, CRLF line ends. */
export function vcard(card: Card): string {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${card.name}`, ...card.phones.map((p) => `TEL;TYPE=CELL:${p}`)];
  return [...lines, 'END:VCARD', ''].join('\r\n');
}

/** Writes an address book of these cards (or of raw text) into the test's output folder; returns its path. */
export async function writeAddressBook(testInfo: TestInfo, name: string, content: Card[] | string): Promise<string> {
  const file = testInfo.outputPath(name);
  await writeFile(file, typeof content === 'string' ? content : content.map(vcard).join(''));
  return file;
}
