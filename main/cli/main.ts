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
import { CliError } from './errors.ts';
import { NotSignedInError } from '../sync/errors.ts';
import { storePathOf } from './paths.ts';

const HELP = `kith — import an address book, normalize every number to E.164, keep it in a local store.

Usage:
  ${importUsage}
      Import vCard (2.1, 3.0, 4.0) or CSV (Google, Outlook, Thunderbird) files. Re-importing a file
      updates what changed and removes contacts gone from it.
  ${contactsUsage}
      List stored contacts with each number's raw text, E.164 form, status and reason.
  ${numberUsage}
      Show how a number written without a country code is read, or set its country. A number that reads
      as a premium-rate, toll-free, shared-cost or universal-access number only because of the home
      country is not uploaded until you confirm it or give it its country.
  ${exportUsage}
      Write the cleaned address book as vCard 4.0 with E.164 tel: URIs.

Sync (only E.164 numbers and batch ids are uploaded; names never leave this device):
  ${loginUsage}
      Verify your number with a sync server. A dev-mode server returns the code, so one call signs in.
  ${syncUsage}
      Upload what changed since the last sync, in batches, and fetch who joined. A step that failed is
      named; exit 3 when it is retried next time or batches are still queued (offline or server trouble).
  ${statusUsage}
      Online or offline, queued batches, last sync, event cursor, and the last error until a sync finishes.
  ${joinedUsage}
      Contacts who use the messenger, by the name you saved.
  ${logUsage}
      Every uploaded batch: when, which numbers were added and removed, and the result.
  ${excludeUsage}
  ${includeUsage}
      Keep a contact or a number off the server (the next sync removes it), or allow it again.
  ${deleteUsage}
      Delete your uploaded numbers (uploading pauses), or your whole account, from the server.
  ${logoutUsage}
      Sign this device out. Exit 3 when the server could not be told yet: the next sync or login tells it.

Exit status: 0 done, 1 failed, 2 wrong usage, 3 something is queued for next time (sync batches, a
sign-out). The store could not be used: 10 the disk is full, 11 it is read-only, 12 a disk error, 13 another
process holds it locked, 14 it is damaged or not a store, 15 it cannot be opened.

Options:
  --db PATH       the local store (default: $KITH_DB, else kith.db in the per-user data folder)
  --me +E164      your own number; its country is the default for numbers written without one
  --region CC     the default region (ISO 3166, e.g. GB), instead of your number's
  --server URL    the sync server (default: $KITH_SERVER; \`login\` remembers it)
`;

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
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kith: unknown command ${name} (see \`kith help\`)`);
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
      console.error(`kith ${name}: ${err.message}`);
      return 1;
    }
    if (err instanceof StoreVersionError) {
      console.error(`kith: ${err.message}`);
      return 1;
    }
    // A full disk or a read-only store, in any command: one line and its own exit status, never a stack trace.
    const store = storeFailure(err, storePathOf(rest));
    if (store) {
      console.error(`kith ${name}: ${store.message}`);
      return store.exitCode;
    }
    throw err;
  }
}
