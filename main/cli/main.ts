import { t } from '../../i18n/index.ts';
import { storeFailure } from '../store/errors.ts';
import { StoreVersionError } from '../store/open.ts';
import { contactsUsage, runContacts } from './commands/contacts.ts';
import { exportUsage, runExport } from './commands/export.ts';
import { importUsage, runImport } from './commands/import.ts';
import { deleteUsage, runDelete } from './commands/delete.ts';
import { excludeUsage, includeUsage, runExclude, runInclude } from './commands/exclude.ts';
import { joinedUsage, logUsage, runJoined, runLog } from './commands/joined.ts';
import { loginUsage, logoutUsage, runLogin, runLogout } from './commands/login.ts';
import { numberUsage, runNumber } from './commands/number.ts';
import { runStatus, runSync, statusUsage, syncUsage } from './commands/sync.ts';
import { runSource, sourceUsage } from './commands/source.ts';
import { CliError } from './errors.ts';
import { NotSignedInError } from '../sync/errors.ts';
import { storePathOf } from './paths.ts';

function help(): string {
  return t('cli.help', {
    importUsage,
    contactsUsage,
    numberUsage,
    exportUsage,
    sourceUsage,
    loginUsage,
    syncUsage,
    statusUsage,
    joinedUsage,
    logUsage,
    excludeUsage,
    includeUsage,
    deleteUsage,
    logoutUsage,
  });
}

type Command = (argv: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  import: runImport,
  contacts: runContacts,
  number: runNumber,
  export: runExport,
  login: runLogin,
  logout: runLogout,
  sync: runSync,
  status: runStatus,
  joined: runJoined,
  log: runLog,
  exclude: runExclude,
  include: runInclude,
  delete: runDelete,
  source: runSource,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(t('cli.seeHelp', { message: t('cli.unknownCommand', { command: name }) }));
    return 2;
  }
  try {
    return await command(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    if (err instanceof NotSignedInError) {
      console.error(t('cli.error', { command: name, message: err.message }));
      return 1;
    }
    if (err instanceof StoreVersionError) {
      console.error(t('cli.errorNoCommand', { message: err.message }));
      return 1;
    }
    // A full disk or a read-only store, in any command: one line and its own exit status, never a stack trace.
    const store = storeFailure(err, storePathOf(rest));
    if (store) {
      console.error(t('cli.error', { command: name, message: store.message }));
      return store.exitCode;
    }
    throw err;
  }
}
