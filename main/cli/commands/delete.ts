import { t } from '../../../i18n/index.ts';
import { openStore } from '../../store/open.ts';
import { SyncError } from '../../sync/errors.ts';
import { deleteAccount, deleteServerData, settingsTokenStore } from '../../sync/session.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const deleteUsage = t('cli.usage.delete');

export async function runDelete(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('delete', argv, {
    ...dbOption,
    'server-data': { type: 'boolean' },
    account: { type: 'boolean' },
    yes: { type: 'boolean' },
  });
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'delete', argument: positionals[0] }));
  if (Boolean(values['server-data']) === Boolean(values.account)) {
    throw new UsageError(t('cli.delete.choose'));
  }
  if (!values.yes) throw new UsageError(t('cli.delete.confirm'));
  const db = openStore(resolveDbPath(values.db));
  const tokens = settingsTokenStore(db);
  try {
    if (values.account) {
      await deleteAccount(db, tokens, Date.now());
      console.log(t('cli.delete.account'));
    } else {
      const n = await deleteServerData(db, tokens, Date.now());
      console.log(t('cli.delete.serverData', { count: n }));
    }
    return 0;
  } catch (err) {
    if (err instanceof SyncError) throw new CliError(t('cli.error', { command: 'delete', message: err.message }));
    throw err;
  } finally {
    db.close();
  }
}
