import { FaultProxy, PASS, passAll, type ProxiedRequest } from '../main/testing/fault-proxy.ts';
import { expectSynced, importThroughUi, signUp, SYNC_TIMEOUT, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// Signing out while the server is down, and a sync whose join-event step fails: what the user is told, and that
// the app puts both right by itself once the server can be reached again.

const me = { region: 'CA', number: '613 555 0100', e164: '+16135550100' };

const PENDING_TEXT = 'Signed out on this device; the server will be told when it can be reached.';

test('signing out while the server is down says so, and the server is told once it is back', async ({
  kith,
  syncServer: server,
}) => {
  const { page } = kith;
  await signUp(page, me, server.url);
  const sessionToken = () =>
    kith.readStore((db) => db.prepare(`SELECT value FROM settings WHERE key = 'session_token'`).pluck().get()) as
      string | undefined;
  const pendingRows = () => kith.readStore((db) => db.prepare('SELECT count(*) FROM pending_sign_outs').pluck().get());
  // In browser mode the store holds the token as is; the Electron app seals it with the OS keychain.
  const token = kith.target === 'browser' ? sessionToken() : undefined;

  await server.stop();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-sign-out').click();
  await page.getByTestId('confirm-accept').click();

  await expect(page.getByTestId('onboarding')).toBeVisible();
  await expect(page.getByTestId('sign-out-pending')).toContainText(PENDING_TEXT);
  await expect(page.getByTestId('sign-out-pending-server')).toContainText(server.url);
  expect(sessionToken()).toBeUndefined();
  expect(pendingRows()).toBe(1);

  // Same port, same database: the background engine sends the queued sign-out and the note goes away.
  await server.restart();
  await expect(page.getByTestId('sign-out-pending')).toBeHidden({ timeout: SYNC_TIMEOUT });
  expect(pendingRows()).toBe(0);
  if (token) {
    const answer = await fetch(`${server.url}/v1/account`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(401);
  }
});

test('the status bar tells of a failed join-event step, with its detail, until a sync gets through', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const proxy = await FaultProxy.start(server.url);
  try {
    await signUp(page, me, proxy.url);
    const book = await writeAddressBook(testInfo, 'friends.vcf', [{ name: 'Ada Lovelace', phones: ['613 555 0111'] }]);
    await importThroughUi(page, [book]);
    await expectSynced(kith);

    // From now on every event pull over HTTP has its connection cut. Dropping the live stream makes the app pull
    // what it missed as soon as the stream is back.
    const isEventPull = (req: ProxiedRequest) => req.method === 'GET' && req.path.startsWith('/v1/events?');
    proxy.plan = (req) => (isEventPull(req) ? { kind: 'drop', phase: 'before' } : PASS);
    proxy.cutConnections();
    const error = page.getByTestId('status-error');
    await expect(page.getByTestId('status-error-details').locator('code')).toContainText(
      'fetching join events failed: GET /v1/events: ECONNRESET',
      { timeout: SYNC_TIMEOUT },
    );
    await expect(error).toHaveText(
      'Can’t reach the Kith server. Your changes are saved and will be sent when it’s back.',
    );
    await expect(page.getByTestId('status-connectivity')).not.toHaveText('Online');

    proxy.plan = passAll;
    const retry = page.getByTestId('status-retry');
    if (await retry.isVisible()) await retry.click();
    await expect(error).toBeHidden({ timeout: SYNC_TIMEOUT });
    await expect(page.getByTestId('status-connectivity')).toHaveText('Online');
  } finally {
    await proxy.close();
  }
});
