import { expectSynced, importThroughUi, signUp, SYNC_TIMEOUT, writeAddressBook, type Card } from './app.ts';
import { expect, test } from './fixtures.ts';

// Offline and back: imports made while the server is down wait in the outbox, one batch per change, and once the
// server is back (same port, same database) every batch goes up exactly once.

const me = { region: 'CA', number: '613 555 0100', e164: '+16135550100' };
const card = (name: string, last: string): Card => ({ name, phones: [`613 555 01${last}`] });
const books: Record<string, Card[]> = {
  'family.vcf': [card('Ada Lovelace', '11'), card('Alan Turing', '12')],
  'work.vcf': [card('Grace Hopper', '21'), card('Edsger Dijkstra', '22'), card('Barbara Liskov', '23')],
  'club.vcf': [card('Katherine Johnson', '31'), card('Claude Shannon', '32')],
};
const everyNumber = Object.values(books)
  .flat()
  .map((c) => `+1${c.phones[0]!.replace(/\D/g, '')}`)
  .sort();

test('changes made offline queue up and drain once, without duplicates, when the server is back', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const file = (name: string) => writeAddressBook(testInfo, name, books[name]!);

  await signUp(page, me, server.url);
  await importThroughUi(page, [await file('family.vcf')]);
  await expectSynced(kith);

  await server.stop();
  const connectivity = page.getByTestId('status-connectivity');
  const queued = page.getByTestId('status-queued');

  await importThroughUi(page, [await file('work.vcf')]);
  await expect(connectivity).toHaveText('Offline', { timeout: SYNC_TIMEOUT });
  await expect(queued).toHaveText('3 numbers queued in 1 batch', { timeout: SYNC_TIMEOUT });
  await expect(page.getByTestId('status-error')).toBeVisible();

  await importThroughUi(page, [await file('club.vcf')]);
  await expect(queued).toHaveText('5 numbers queued in 2 batches', { timeout: SYNC_TIMEOUT });
  await expect(connectivity).toHaveText('Offline');

  await server.restart();
  // The engine's own probe backs off for longer and longer; Try again skips the wait (if the probe has not
  // already got through).
  const retry = page.getByTestId('status-retry');
  if (await retry.isVisible()) await retry.click();
  await expectSynced(kith);

  // What the app believes the server holds is what the server holds: every number once.
  const believed = kith.readStore(
    (db) => db.prepare(`SELECT e164 FROM numbers WHERE state = 'synced' ORDER BY e164`).pluck().all() as string[],
  );
  const held = await server.uploadedBy(me.e164);
  expect(believed).toEqual(everyNumber);
  expect(held).toEqual(everyNumber);

  // One upload per change, each applied once: no batch id twice on either side, and the same ids on both.
  const logged = kith.readStore(
    (db) =>
      db.prepare(`SELECT batch_id AS batchId, result FROM upload_log ORDER BY id`).all() as Array<{
        batchId: string;
        result: string;
      }>,
  );
  expect(logged.map((entry) => entry.result)).toEqual(['applied', 'applied', 'applied']);
  const loggedIds = logged.map((entry) => entry.batchId);
  expect(new Set(loggedIds).size).toBe(loggedIds.length);
  const applied = await server.batchesOf(me.e164);
  expect(new Set(applied).size).toBe(applied.length);
  expect([...applied].sort()).toEqual([...loggedIds].sort());
  expect(kith.readStore((db) => db.prepare('SELECT count(*) FROM outbox').pluck().get())).toBe(0);

  // The privacy screen's upload log tells the same story: the first sync, then the one that sent both queued
  // batches (or two, had the server come back between them); opened, every number shows once.
  await page.getByTestId('nav-privacy').click();
  const runs = page.getByTestId('upload-run');
  await expect(runs.last().getByTestId('upload-run-summary')).toHaveText(/— 2 numbers added$/);
  const count = await runs.count();
  expect([2, 3]).toContain(count);
  if (count === 2) {
    await expect(runs.first().getByTestId('upload-run-summary')).toHaveText(/— 5 numbers added$/);
    await expect(runs.first().getByTestId('upload-run-batches')).toHaveText('in 2 batches');
    await runs.first().getByTestId('upload-run-toggle').click();
    const batches = page.getByTestId('upload-batch');
    await expect(batches.getByTestId('upload-batch-result')).toHaveText(['Applied', 'Applied']);
    for (const batch of await batches.all()) await batch.getByTestId('upload-batch-toggle').click();
    await runs.last().getByTestId('upload-run-toggle').click();
  } else {
    for (const run of await runs.all()) await run.getByTestId('upload-run-toggle').click();
  }
  await expect(page.getByTestId('upload-number')).toHaveCount(everyNumber.length);
});
