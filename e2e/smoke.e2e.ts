import { readFileSync } from 'node:fs';
import type { KithApi } from '../main/ipc/contract.ts';
import { methodChannels } from '../main/ipc/methods.ts';
import { expect, test } from './fixtures.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

test('shows Kith and its version, fetched over IPC', async ({ page }) => {
  // data-state flips once the app:info round-trip has finished, whichever way it went.
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kith');
  await expect(page.getByTestId('app-version')).toHaveText(`Version ${version}`);
  await expect(page).toHaveTitle('Kith');
});

test('the bridge exposes named functions and validates their arguments', async ({ page }) => {
  await expect(page.locator('#app')).toHaveAttribute('data-state', 'ready');
  const replies = await page.evaluate(async () => {
    const kith = (globalThis as unknown as { kith: KithApi }).kith;
    const bad = kith.ping as unknown as (value: unknown) => ReturnType<KithApi['ping']>;
    return { methods: Object.keys(kith).sort(), good: await kith.ping('n-42'), bad: await bad(42) };
  });
  expect(replies.methods).toEqual([...Object.keys(methodChannels), 'onEvent'].sort());
  expect(replies.good).toEqual({ ok: true, value: 'n-42' });
  expect(replies.bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
});
