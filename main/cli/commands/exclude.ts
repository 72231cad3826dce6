import { t } from '../../../i18n/index.ts';
import { openStore } from '../../store/open.ts';
import { ExclusionError, setExclusion } from '../../sync/exclusions.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const excludeUsage = t('cli.usage.exclude');
export const includeUsage = t('cli.usage.include');

export function runExclude(argv: string[]): number {
  return toggle('exclude', argv, true);
}

export function runInclude(argv: string[]): number {
  return toggle('include', argv, false);
}

function toggle(command: 'exclude' | 'include', argv: string[], excluded: boolean): number {
  const { values, positionals } = parseCommand(command, argv, dbOption);
  if (positionals.length === 0) throw new UsageError(t('cli.nameTarget', { command }));
  const db = openStore(resolveDbPath(values.db));
  try {
    const target = setExclusion(db, positionals.join(' '), excluded, Date.now());
    const what = target.kind === 'number' ? target.e164 : target.names.join(', ');
    const already = target.kind === 'number' ? !target.changed : target.changed === 0;
    if (already) console.log(t(excluded ? 'cli.exclude.already' : 'cli.include.already', { what }));
    else console.log(t(excluded ? 'cli.exclude.done' : 'cli.include.done', { what }));
    return 0;
  } catch (err) {
    if (err instanceof ExclusionError) throw new CliError(t('cli.error', { command, message: err.message }));
    throw err;
  } finally {
    db.close();
  }
}
