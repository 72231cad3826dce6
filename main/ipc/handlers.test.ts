import { afterAll, describe, expect, it, vi } from 'vitest';
import { openTestHost, TEST_APP_INFO as appInfo } from '../testing/app-host.ts';
import { createHandlers, dispatch } from './handlers.ts';
import { methodChannels } from './methods.ts';

const host = await openTestHost();
afterAll(() => host.close());
const table = createHandlers({ appInfo, host });

describe('handler table', () => {
  it('serves exactly the channels the bridges expose', () => {
    expect(Object.keys(table).sort()).toEqual(Object.values(methodChannels).sort());
  });

  it('answers app:info with the injected app info', async () => {
    await expect(dispatch(table, 'app:info', [])).resolves.toEqual({ ok: true, value: appInfo });
  });

  it('echoes the nonce on app:ping', async () => {
    await expect(dispatch(table, 'app:ping', ['n-1'])).resolves.toEqual({ ok: true, value: 'n-1' });
  });

  it.each([
    ['app:info', ['unexpected']],
    ['app:info', undefined],
    ['app:info', { 0: 'x' }],
    ['app:ping', []],
    ['app:ping', [42]],
    ['app:ping', ['']],
    ['app:ping', ['x'.repeat(129)]],
    ['app:ping', ['a', 'b']],
  ])('rejects %s with arguments %j', async (channel, args) => {
    const reply = await dispatch(table, channel, args);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it.each(['app:nope', 'toString', '__proto__', 42, null])('rejects unknown channel %j', async (channel) => {
    await expect(dispatch(table, channel, [])).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
  });

  it('turns a throwing handler into an internal error without leaking its message', async () => {
    const failing = {
      ...table,
      'app:info': { args: table['app:info'].args, run: () => Promise.reject(new Error('/secret/path broke')) },
    };
    const onError = vi.fn();
    const reply = await dispatch(failing, 'app:info', [], { onError });
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'app:info failed' } });
    expect(onError).toHaveBeenCalledWith('app:info', expect.any(Error));
  });

  it('pages the upload log by run, naming an entry it cannot find and refusing ids that are not ids', async () => {
    await expect(dispatch(table, 'privacy:upload-runs', [0, 30])).resolves.toEqual({ ok: true, value: [] });
    for (const channel of ['privacy:upload-run-batches', 'privacy:upload-batch-numbers'] as const) {
      await expect(dispatch(table, channel, [7, 0, 10])).resolves.toEqual({
        ok: false,
        error: { code: 'failed', message: 'The upload log has no entry 7.' },
      });
      for (const args of [
        [0, 0, 10],
        [1, -1, 10],
        [1, 0, 0],
        [1.5, 0, 10],
        ['1', 0, 10],
        [1, 0],
      ]) {
        await expect(dispatch(table, channel, args)).resolves.toMatchObject({
          ok: false,
          error: { code: 'invalid-arguments' },
        });
      }
    }
  });

  it('returns a copy of the app info, so callers cannot mutate the source', async () => {
    const first = await dispatch(table, 'app:info', []);
    if (first.ok) (first.value as { name: string }).name = 'changed';
    await expect(dispatch(table, 'app:info', [])).resolves.toEqual({ ok: true, value: appInfo });
  });
});
