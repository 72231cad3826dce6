import type { Locator, Page } from '@playwright/test';
import { expectSynced, signUp, SYNC_TIMEOUT, writeAddressBook, type Card } from './app.ts';
import { expect, test } from './fixtures.ts';

// The signed-in screens at the sizes a laptop window takes, measured in the page: the contacts list stays readable
// beside the detail or the detail takes its place with a way back, nothing in the navigation or the list's header
// is cut short, Esc gives focus back to the row, and On Kith's columns line up.

const sizes = {
  '1280×800': { width: 1280, height: 800 },
  '800×600': { width: 800, height: 600 },
} as const;
type SizeName = keyof typeof sizes;
const single = (size: SizeName) => size === '800×600';

/** Narrower than this a list cannot be read: names are cut to a few letters. */
const READABLE_LIST_PX = 400;

const me = { region: 'CA', number: '(613) 555-0100' };
/** Names of every length, and numbers of three countries, so that On Kith's rows differ in width. */
const book: Card[] = [
  { name: 'Amara Okafor', phones: ['613 555 0111'] },
  { name: 'Mr. John Richter James Doe Sr.', phones: ['+44 7400 900123'] },
  { name: 'Zoë Marchand', phones: ['+33 6 12 34 56 78'] },
  { name: 'Benjamin Tremblay', phones: ['613 555 0112'] },
  { name: 'Camille Roy', phones: ['613 555 0113', '613 555 0213'] },
  { name: 'Dev Patel', phones: ['613 555 0114'] },
  { name: 'Élodie Gagnon', phones: ['613 555 0115'] },
  { name: 'Farah Haddad', phones: ['613 555 0116'] },
  { name: 'Gabriel Martin', phones: ['613 555 0117'] },
  { name: 'Hana Sato', phones: ['613 555 0118'] },
  { name: 'Isaac Cohen', phones: ['613 555 0119'] },
  { name: 'Julia Novak', phones: ['12345'] },
];
const joiners = ['+16135550111', '+447400900123', '+33612345678'];

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} has no box`);
  return found;
};

/** Elements matching `selector` that show less than their text: wider content than box, for those on screen. */
function cutShort(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((css) => {
    interface Measured {
      scrollWidth: number;
      clientWidth: number;
      textContent: string | null;
      checkVisibility(options: { visibilityProperty: boolean }): boolean;
    }
    const { document } = globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<Measured> } };
    return [...document.querySelectorAll(css)]
      .filter((e) => e.checkVisibility({ visibilityProperty: true }) && e.clientWidth > 1)
      .filter((e) => e.scrollWidth > e.clientWidth)
      .map((e) => `${e.textContent ?? ''} (${e.scrollWidth} > ${e.clientWidth})`);
  }, selector);
}

/** What has focus: its test id and, for the list, the contact id of its active row. Never the page's body. */
function focused(page: Page): Promise<{ testId: string | null; row: string | null; body: boolean }> {
  return page.evaluate(() => {
    interface El {
      tagName: string;
      getAttribute(name: string): string | null;
    }
    const { document } = globalThis as unknown as {
      document: { activeElement: El | null; getElementById(id: string): El | null };
    };
    const active = document.activeElement;
    const activeRow = active?.getAttribute('aria-activedescendant');
    const row = activeRow ? document.getElementById(activeRow) : null;
    return {
      testId: active?.getAttribute('data-testid') ?? null,
      row: row?.getAttribute('data-contact-id') ?? null,
      body: !active || active.tagName === 'BODY',
    };
  });
}

test.describe('window sizes', () => {
  test.beforeEach(async ({ kith, syncServer: server }, testInfo) => {
    const { page } = kith;
    await page.setViewportSize(sizes['1280×800']);
    await signUp(page, me, server.url);
    await kith.importPaths([await writeAddressBook(testInfo, 'friends.vcf', book)]);
    await expectSynced(kith);
  });

  for (const size of Object.keys(sizes) as SizeName[]) {
    test(`at ${size} the list stays readable beside the detail, or the detail takes its place with a way back`, async ({
      kith,
    }) => {
      const { page } = kith;
      await page.setViewportSize(sizes[size]);
      await page.getByTestId('nav-contacts').click();
      const list = page.getByTestId('contacts-list');
      await expect(list).toBeVisible();
      expect((await box(list)).width).toBeGreaterThanOrEqual(READABLE_LIST_PX);

      const row = page.getByTestId('contact-row').filter({ hasText: 'Camille Roy' });
      await row.click();
      const detail = page.getByTestId('contact-detail');
      await expect(detail.getByTestId('detail-name')).toHaveText('Camille Roy');

      if (!single(size)) {
        // Side by side: the list keeps a readable width, and the detail does not overlap it.
        const [l, d] = [await box(list), await box(detail)];
        expect(l.width).toBeGreaterThanOrEqual(READABLE_LIST_PX);
        expect(d.x).toBeGreaterThanOrEqual(l.x + l.width);
        await expect(page.getByTestId('detail-back')).toHaveCount(0);
        return;
      }
      // In place of the list: the detail covers where the list was, the list is out of sight and out of reach.
      const covered = await box(page.locator('.contacts-body'));
      const d = await box(detail);
      expect(d.x).toBeLessThanOrEqual(covered.x);
      expect(d.y).toBeLessThanOrEqual(covered.y);
      expect(d.x + d.width).toBeGreaterThanOrEqual(covered.x + covered.width);
      expect(d.y + d.height).toBeGreaterThanOrEqual(covered.y + covered.height);
      await expect(list).toBeHidden();
      await expect(page.getByTestId('contacts-search')).toBeHidden();
      // The detail has the focus, and the first stop from there is the way back.
      expect(await focused(page)).toMatchObject({ testId: 'contact-detail', body: false });
      const back = page.getByRole('button', { name: 'Back to contacts' });
      await expect(back).toBeVisible();
      await page.keyboard.press('Tab');
      await expect(back).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(detail).toBeHidden();
      await expect(list).toBeVisible();
      expect((await box(list)).width).toBeGreaterThanOrEqual(READABLE_LIST_PX);
    });

    test(`at ${size} Esc in the detail closes it and gives focus back to the row it came from`, async ({ kith }) => {
      const { page } = kith;
      await page.setViewportSize(sizes[size]);
      await page.getByTestId('nav-contacts').click();
      const row = page.getByTestId('contact-row').filter({ hasText: 'Hana Sato' });
      const id = await row.getAttribute('data-contact-id');
      await row.click();
      const detail = page.getByTestId('contact-detail');
      await expect(detail.getByTestId('detail-name')).toHaveText('Hana Sato');
      // Into the detail by keyboard: its first control (from the list beside it, or from the detail itself).
      await page.keyboard.press('Tab');
      const inDetail = await detail.evaluate((pane) => {
        const { document } = globalThis as unknown as { document: { activeElement: unknown } };
        return (pane as unknown as { contains(n: unknown): boolean }).contains(document.activeElement);
      });
      expect(inDetail).toBe(true);

      await page.keyboard.press('Escape');
      await expect(detail).toBeHidden();
      await expect(page.getByTestId('contacts-list')).toBeFocused();
      expect(await focused(page)).toEqual({ testId: 'contacts-list', row: id, body: false });
      await expect(row).toHaveAttribute('aria-selected', 'true');

      // From the list the keyboard goes on from that row.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(detail.getByTestId('detail-name')).toHaveText('Isaac Cohen');
      await page.keyboard.press('Escape');
      await expect(detail).toBeHidden();
      expect((await focused(page)).body).toBe(false);
    });

    test(`at ${size} nothing in the navigation or the list's header is cut short`, async ({ kith }) => {
      const { page } = kith;
      await page.setViewportSize(sizes[size]);
      await page.getByTestId('nav-contacts').click();
      await expect(page.getByTestId('contact-row').first()).toBeVisible();

      const header = '.nav-item, .nav-label, .contacts-screen .screen-head > *, .chip, .contact-name';
      expect(await cutShort(page, header)).toEqual([]);
      // With a contact open too: whatever of the list is still on screen shows whole names.
      await page.getByTestId('contact-row').filter({ hasText: 'Mr. John Richter James Doe Sr.' }).click();
      await expect(page.getByTestId('detail-name')).toHaveText('Mr. John Richter James Doe Sr.');
      expect(await cutShort(page, `${header}, .detail-back, .detail-head > *`)).toEqual([]);

      // Every screen keeps its name in the navigation, shown or as the button's name and tooltip.
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const name of ['Contacts', 'On Kith', 'Sources', 'Activity', 'Privacy']) {
        const item = nav.getByRole('button', { name, exact: true });
        await expect(item).toBeVisible();
        await expect(item).toHaveAttribute('title', name);
      }
      const sidebar = await box(page.locator('.sidebar'));
      // Narrow, the sidebar keeps only its icons.
      if (single(size)) expect(sidebar.width).toBeLessThan(80);
      else await expect(nav.getByText('On Kith', { exact: true })).toBeVisible();
    });

    test(`at ${size} On Kith's columns line up from row to row`, async ({ kith, syncServer: server }) => {
      const { page } = kith;
      await page.setViewportSize(sizes[size]);
      for (const e164 of joiners) await server.join(e164);
      await page.getByTestId('nav-on-kith').click();
      const rows = page.getByTestId('on-kith-item');
      await expect(rows).toHaveCount(joiners.length, { timeout: SYNC_TIMEOUT });

      const lefts = async (cell: string) => {
        const cells = rows.locator(cell);
        await expect(cells).toHaveCount(joiners.length);
        return Promise.all((await cells.all()).map(async (c) => Math.round((await box(c)).x)));
      };
      const numbers = await lefts('.person-number');
      const since = await lefts(':scope > .muted');
      const names = await lefts('.person-name');
      expect(new Set(numbers).size, `number columns start at ${numbers.join(', ')}`).toBe(1);
      expect(new Set(since).size, `date columns start at ${since.join(', ')}`).toBe(1);
      expect(new Set(names).size).toBe(1);
      // In that order, each after the one before.
      expect(names[0]!).toBeLessThan(numbers[0]!);
      expect(numbers[0]!).toBeLessThan(since[0]!);
      expect(await cutShort(page, '.person > *')).toEqual([]);
    });
  }

  test('Back, in the browser or with Alt+Left, closes the detail and returns to the list', async ({ kith }) => {
    const { page } = kith;
    await page.setViewportSize(sizes['800×600']);
    await page.getByTestId('nav-contacts').click();
    const detail = page.getByTestId('contact-detail');
    const row = page.getByTestId('contact-row').filter({ hasText: 'Dev Patel' });
    const id = await row.getAttribute('data-contact-id');

    await row.click();
    await expect(detail).toBeVisible();
    await page.goBack();
    await expect(detail).toBeHidden();
    expect(await focused(page)).toEqual({ testId: 'contacts-list', row: id, body: false });

    await page.keyboard.press('Enter');
    await expect(detail.getByTestId('detail-name')).toHaveText('Dev Patel');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(detail).toBeHidden();
    expect(await focused(page)).toEqual({ testId: 'contacts-list', row: id, body: false });
    // Back went as far as the list, no further: the app is still on screen.
    await expect(page.getByTestId('contacts-list')).toBeVisible();

    // Forward opens the same contact again.
    await page.goForward();
    await expect(detail.getByTestId('detail-name')).toHaveText('Dev Patel');
  });
});
