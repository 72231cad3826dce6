import type { Page } from '@playwright/test';
import type { KithApi } from '../main/ipc/contract.ts';
import { generateVcards } from '../bench/generate.ts';
import { expectSynced, signUp, vcard, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// 20,000 contacts: how long until the first rows show after the app opens, and how long a search takes to
// update the list. A benchmark: it prints its figures and asserts only that the rows and the match show up.

const CARDS = 20_000;
const targets = { first_rows_ms: 500, search_ms: 50 };
const me = { region: 'GB', number: '07400 123456' };
const needle = { name: 'Zebedee Quartermaine', phones: ['+44 7400 900123'] };
const query = 'quartermaine';

/** Start and end marks in the page's clock. */
interface Probe {
  start: number;
  end: number;
}

interface ProbeHolder {
  kithProbe: Probe;
}

/** The few DOM members the in-page probes use (the e2e code is type-checked without the DOM library). */
interface ProbeElement {
  textContent: string | null;
  addEventListener(type: string, listener: () => void, options?: { capture?: boolean }): void;
}

interface ProbeDom {
  document: {
    querySelector(selector: string): ProbeElement | null;
    querySelectorAll(selector: string): Iterable<ProbeElement>;
  };
  performance: { now(): number };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean; characterData?: boolean }): void;
    disconnect(): void;
  };
}

/** The probe's marks once its end has been reached. */
async function readProbe(page: Page): Promise<Probe> {
  const handle = await page.waitForFunction(() => {
    const { kithProbe } = globalThis as unknown as ProbeHolder;
    return kithProbe.end > 0 && kithProbe;
  });
  return (await handle.jsonValue()) as Probe;
}

test('20,000 contacts: first rows and search', async ({ kith, syncServer: server }, testInfo) => {
  test.setTimeout(120_000);
  const { page } = kith;
  const file = await writeAddressBook(testInfo, 'contacts-20k.vcf', generateVcards(CARDS).text + vcard(needle));

  await signUp(page, me, server.url);
  const [report] = await kith.importPaths([file]);
  expect(report).toMatchObject({ error: null, contacts: CARDS + 1 });
  // Measured once the first upload (≈30,000 numbers) is over, so its progress does not redraw the list under the clock.
  await expectSynced(kith, 60_000);

  // The moment the first row is in the page, whatever polling the test runner does.
  await page.addInitScript(() => {
    const { document, performance, MutationObserver } = globalThis as unknown as ProbeDom;
    const probe: Probe = { start: 0, end: 0 };
    (globalThis as unknown as ProbeHolder).kithProbe = probe;
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="contact-row"]')) return;
      probe.end = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await kith.reload();
  const rows = page.getByTestId('contact-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('contacts-count')).toHaveText(/^20.?001 contacts$/);
  const firstRows = await readProbe(page);

  // From the input event to the list showing only the match.
  await page.evaluate((name) => {
    const { document, performance, MutationObserver } = globalThis as unknown as ProbeDom;
    const probe: Probe = { start: 0, end: 0 };
    (globalThis as unknown as ProbeHolder).kithProbe = probe;
    const search = document.querySelector('[data-testid="contacts-search"]')!;
    search.addEventListener('input', () => (probe.start ||= performance.now()), { capture: true });
    const observer = new MutationObserver(() => {
      const shown = [...document.querySelectorAll('[data-testid="contact-row"]')];
      if (shown.length !== 1 || !shown[0]!.textContent?.includes(name)) return;
      probe.end = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }, needle.name);
  const search = page.getByTestId('contacts-search');
  await search.fill(query);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(needle.name);
  const searched = await readProbe(page);

  // The query on its own: one page through the bridge, as the list asks for it.
  const queryMs = await page.evaluate(async (text) => {
    const { kith, performance } = globalThis as unknown as ProbeDom & { kith: KithApi };
    const start = performance.now();
    const reply = await kith.contactPage({ offset: 0, limit: 200, search: text, filter: 'all' });
    if (!reply.ok || reply.value.total !== 1) throw new Error(`unexpected answer ${JSON.stringify(reply)}`);
    return performance.now() - start;
  }, query);

  const figures = {
    e2e: 'contacts-20k',
    target: kith.target,
    contacts: CARDS + 1,
    // From the start of the navigation (performance.now()'s origin) to the first row on the page.
    first_rows_ms: Math.round(firstRows.end),
    search_ms: Math.round(searched.end - searched.start),
    search_query_ms: Math.round(queryMs),
    targets,
  };
  console.log(JSON.stringify(figures));
  await testInfo.attach('figures', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });
});
