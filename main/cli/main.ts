import { StoreVersionError } from '../store/open.ts';
import { contactsUsage, runContacts } from './commands/contacts.ts';
import { exportUsage, runExport } from './commands/export.ts';
import { importUsage, runImport } from './commands/import.ts';
import { CliError } from './errors.ts';

const HELP = `kith — import an address book, normalize every number to E.164, keep it in a local store.

Usage:
  ${importUsage}
      Import vCard (2.1, 3.0, 4.0) or CSV (Google, Outlook, Thunderbird) files. Re-importing a file
      updates what changed and removes contacts gone from it.
  ${contactsUsage}
      List stored contacts with each number's raw text, E.164 form, status and reason.
  ${exportUsage}
      Write the cleaned address book as vCard 4.0 with E.164 tel: URIs.

Options:
  --db PATH       the local store (default: $KITH_DB, else kith.db in the per-user data folder)
  --me +E164      your own number; its country is the default for numbers written without one
  --region CC     the default region (ISO 3166, e.g. GB), instead of your number's
`;

type Command = (argv: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  import: runImport,
  contacts: runContacts,
  export: runExport,
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
    if (err instanceof StoreVersionError) {
      console.error(`kith: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
