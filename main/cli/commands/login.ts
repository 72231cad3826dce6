import { isE164 } from '../../../protocol/e164.ts';
import { openStore } from '../../store/open.ts';
import { SyncError } from '../../sync/errors.ts';
import { login, logout, pendingVerification, settingsTokenStore } from '../../sync/session.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, EXIT_QUEUED, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

/** Two steps where the code is texted: the second takes the server and number the first asked for. */
export const loginUsage =
  'kith login --server URL --phone +E164 [--device NAME] [--db PATH]\n  kith login --code CODE [--db PATH]';
export const logoutUsage = 'kith logout [--db PATH]';

export async function runLogin(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('login', argv, {
    ...dbOption,
    server: { type: 'string' },
    phone: { type: 'string' },
    code: { type: 'string' },
    device: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`kith login: unexpected argument ${positionals[0]}`);
  if (values.code !== undefined && !/^\d{6}$/.test(values.code))
    throw new UsageError('kith login: --code is six digits');
  const db = openStore(resolveDbPath(values.db));
  try {
    // With --code, the server and number default to those the code was asked for (by an earlier `kith login`).
    const pending = values.code !== undefined ? pendingVerification(db) : null;
    const server = values.server ?? pending?.server ?? process.env.KITH_SERVER;
    const phone = values.phone ?? pending?.e164;
    if (!server || !/^https?:\/\/./.test(server)) throw new UsageError(`kith login: --server http(s)://… is required`);
    if (!phone || !isE164(phone)) throw new UsageError('kith login: --phone must be E.164, e.g. +447400123456');
    const result = await login(db, settingsTokenStore(db), server, phone, {
      ...(values.code ? { code: values.code } : {}),
      // No hostname: it often carries the owner's name, and only numbers should leave the device.
      deviceName: values.device ?? `kith CLI (${process.platform})`,
      now: Date.now(),
    });
    if (result.status === 'code_sent') {
      console.log(`A code was sent to ${phone}. Run: kith login --code CODE`);
      return 0;
    }
    console.log(`Signed in to ${server} as ${phone}${result.newAccount ? ' (new account)' : ''}.`);
    return 0;
  } catch (err) {
    if (err instanceof SyncError) throw new CliError(`kith login: ${err.message}`);
    throw err;
  } finally {
    db.close();
  }
}

export async function runLogout(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('logout', argv, dbOption);
  if (positionals.length > 0) throw new UsageError(`kith logout: unexpected argument ${positionals[0]}`);
  const db = openStore(resolveDbPath(values.db));
  try {
    const result = await logout(db, settingsTokenStore(db));
    for (const f of result.failures) console.error(`kith logout: telling ${f.server} failed: ${f.message}`);
    if (result.confirmed) {
      console.log('Signed out.');
      return 0;
    }
    console.log('Signed out on this device; the server will be told when it can be reached.');
    return EXIT_QUEUED;
  } finally {
    db.close();
  }
}
