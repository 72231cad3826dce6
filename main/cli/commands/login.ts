import { t } from '../../../i18n/index.ts';
import { isE164 } from '../../../protocol/e164.ts';
import { openStore } from '../../store/open.ts';
import { SyncError } from '../../sync/errors.ts';
import { login, logout, pendingVerification, settingsTokenStore } from '../../sync/session.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, EXIT_QUEUED, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

/** Two steps where the code is texted: the second takes the server and number the first asked for. */
export const loginUsage = t('cli.usage.login');
export const logoutUsage = t('cli.usage.logout');

export async function runLogin(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('login', argv, {
    ...dbOption,
    server: { type: 'string' },
    phone: { type: 'string' },
    code: { type: 'string' },
    device: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'login', argument: positionals[0] }));
  if (values.code !== undefined && !/^\d{6}$/.test(values.code)) throw new UsageError(t('cli.login.code'));
  const db = openStore(resolveDbPath(values.db));
  try {
    // With --code, the server and number default to those the code was asked for (by an earlier `kith login`).
    const pending = values.code !== undefined ? pendingVerification(db) : null;
    const server = values.server ?? pending?.server ?? process.env.KITH_SERVER;
    const phone = values.phone ?? pending?.e164;
    if (!server || !/^https?:\/\/./.test(server)) throw new UsageError(t('cli.login.server'));
    if (!phone || !isE164(phone)) throw new UsageError(t('cli.login.phone'));
    const result = await login(db, settingsTokenStore(db), server, phone, {
      ...(values.code ? { code: values.code } : {}),
      // No hostname: it often carries the owner's name, and only numbers should leave the device.
      deviceName: values.device ?? t('cli.login.device', { platform: process.platform }),
      now: Date.now(),
    });
    if (result.status === 'code_sent') {
      console.log(t('cli.login.codeSent', { phone }));
      return 0;
    }
    console.log(t(result.newAccount ? 'cli.login.signedInNew' : 'cli.login.signedIn', { server, phone }));
    return 0;
  } catch (err) {
    if (err instanceof SyncError) throw new CliError(t('cli.error', { command: 'login', message: err.message }));
    throw err;
  } finally {
    db.close();
  }
}

export async function runLogout(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('logout', argv, dbOption);
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'logout', argument: positionals[0] }));
  const db = openStore(resolveDbPath(values.db));
  try {
    const result = await logout(db, settingsTokenStore(db));
    for (const f of result.failures) console.error(t('cli.logout.failed', { server: f.server, message: f.message }));
    if (result.confirmed) {
      console.log(t('cli.logout.done'));
      return 0;
    }
    console.log(t('cli.logout.queued'));
    return EXIT_QUEUED;
  } finally {
    db.close();
  }
}
