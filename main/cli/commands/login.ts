import { isE164 } from '../../../protocol/e164.ts';
import { openStore } from '../../store/open.ts';
import { SyncError } from '../../sync/errors.ts';
import { login, logout, settingsTokenStore } from '../../sync/session.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const loginUsage = 'kith login --server URL --phone +E164 [--code CODE] [--device NAME] [--db PATH]';
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
  const server = values.server ?? process.env.KITH_SERVER;
  if (!server || !/^https?:\/\/./.test(server)) throw new UsageError(`kith login: --server http(s)://… is required`);
  if (!values.phone || !isE164(values.phone))
    throw new UsageError('kith login: --phone must be E.164, e.g. +447400123456');
  if (values.code !== undefined && !/^\d{6}$/.test(values.code))
    throw new UsageError('kith login: --code is six digits');
  const db = openStore(resolveDbPath(values.db));
  try {
    const result = await login(db, settingsTokenStore(db), server, values.phone, {
      ...(values.code ? { code: values.code } : {}),
      // No hostname: it often carries the owner's name, and only numbers should leave the device.
      deviceName: values.device ?? `kith CLI (${process.platform})`,
      now: Date.now(),
    });
    if (result.status === 'code_sent') {
      console.log(
        `A code was sent to ${values.phone}. Run: kith login --server ${server} --phone ${values.phone} --code CODE`,
      );
      return 0;
    }
    console.log(`Signed in to ${server} as ${values.phone}${result.newAccount ? ' (new account)' : ''}.`);
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
    await logout(db, settingsTokenStore(db));
    console.log('Signed out.');
    return 0;
  } finally {
    db.close();
  }
}
