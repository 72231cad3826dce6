import { openStore } from '../../store/open.ts';
import { ExclusionError, setExclusion } from '../../sync/exclusions.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const excludeUsage = 'kith exclude <name|number> [--db PATH]';
export const includeUsage = 'kith include <name|number> [--db PATH]';

export function runExclude(argv: string[]): number {
  return toggle('exclude', argv, true);
}

export function runInclude(argv: string[]): number {
  return toggle('include', argv, false);
}

function toggle(command: 'exclude' | 'include', argv: string[], excluded: boolean): number {
  const { values, positionals } = parseCommand(command, argv, dbOption);
  if (positionals.length === 0) throw new UsageError(`kith ${command}: name a contact or a number`);
  const db = openStore(resolveDbPath(values.db));
  try {
    const target = setExclusion(db, positionals.join(' '), excluded, Date.now());
    const verb = excluded ? 'Excluded' : 'Included';
    const what = target.kind === 'number' ? target.e164 : target.names.join(', ');
    const already = target.kind === 'number' ? !target.changed : target.changed === 0;
    console.log(
      already
        ? `${what} was already ${excluded ? 'excluded' : 'included'}.`
        : `${verb} ${what}. ${excluded ? 'The next sync removes it from the server.' : 'The next sync uploads it again.'}`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ExclusionError) throw new CliError(`kith ${command}: ${err.message}`);
    throw err;
  } finally {
    db.close();
  }
}
