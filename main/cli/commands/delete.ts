import { openStore } from '../../store/open.ts';
import { SyncError } from '../../sync/errors.ts';
import { deleteAccount, deleteServerData, settingsTokenStore } from '../../sync/session.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const deleteUsage = 'kith delete --server-data | --account --yes [--db PATH]';

export async function runDelete(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('delete', argv, {
    ...dbOption,
    'server-data': { type: 'boolean' },
    account: { type: 'boolean' },
    yes: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`kith delete: unexpected argument ${positionals[0]}`);
  if (Boolean(values['server-data']) === Boolean(values.account)) {
    throw new UsageError('kith delete: choose --server-data or --account');
  }
  if (!values.yes) throw new UsageError('kith delete: this cannot be undone; add --yes to confirm');
  const db = openStore(resolveDbPath(values.db));
  const tokens = settingsTokenStore(db);
  try {
    if (values.account) {
      await deleteAccount(db, tokens, Date.now());
      console.log(
        'Your account and everything uploaded with it were deleted from the server. Your address book stays here.',
      );
    } else {
      const n = await deleteServerData(db, tokens, Date.now());
      console.log(
        `Deleted ${n} uploaded numbers from the server. Uploading is paused; \`kith sync --resume\` resumes.`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof SyncError) throw new CliError(`kith delete: ${err.message}`);
    throw err;
  } finally {
    db.close();
  }
}
