import { formatDateTime, t } from '../../../i18n/index.ts';
import { openStore, type Db } from '../../store/open.ts';
import { peopleCount } from '../../store/people.ts';
import { getSource, listAllSources, removeSource, type Source } from '../../store/sources.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';

export const sourceUsage = t('sourceCli.usage');

/** `kith source list` and `kith source remove ID`: the sources contacts come from, files and address books. */
export function runSource(argv: string[]): number {
  const [sub, ...rest] = argv;
  if (sub === 'list') return runList(rest);
  if (sub === 'remove') return runRemove(rest);
  if (sub === undefined || sub.startsWith('-')) throw new UsageError(t('sourceCli.choose'));
  throw new UsageError(t('sourceCli.unknown', { name: sub }));
}

function runList(argv: string[]): number {
  const { values, positionals } = parseCommand('source', argv, { ...dbOption, json: { type: 'boolean' } });
  if (positionals.length > 0)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'source', argument: positionals[0] }));
  const db = openStore(resolveDbPath(values.db));
  try {
    const sources = listAllSources(db).map((s) => describe(db, s));
    if (values.json) {
      process.stdout.write(JSON.stringify(sources, null, 2) + '\n');
      return 0;
    }
    if (sources.length === 0) {
      console.log(t('sourceCli.empty'));
      return 0;
    }
    for (const s of sources) {
      const synced =
        s.lastSyncAt === null
          ? t('sourceCli.neverSynced')
          : t('sourceCli.synced', { at: formatDateTime(s.lastSyncAt) });
      console.log(t('sourceCli.line', { ...s, synced }));
      if (s.lastError !== null) console.log(t('sourceCli.lastError', { message: s.lastError }));
    }
    console.log(t('sourceCli.count', { count: sources.length }));
    return 0;
  } finally {
    db.close();
  }
}

/** What `list --json` gives per source; times in ms since the epoch, as `kith status --json` has them. */
function describe(db: Db, s: Source) {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    path: s.path,
    format: s.format,
    // People, as the Sources screen counts them: three cards of one person count once.
    contacts: peopleCount(db, s.id),
    lastSyncAt: s.lastSyncAt,
    state: s.state,
    lastError: s.lastError,
  };
}

function runRemove(argv: string[]): number {
  const { values, positionals } = parseCommand('source', argv, dbOption);
  if (positionals.length === 0) throw new UsageError(t('sourceCli.removeNeedsId'));
  if (positionals.length > 1)
    throw new UsageError(t('cli.unexpectedArgument', { command: 'source', argument: positionals[1] }));
  const given = positionals[0]!;
  if (!/^\d{1,15}$/.test(given)) throw new UsageError(t('sourceCli.badId', { id: given }));
  const id = Number(given);
  const db = openStore(resolveDbPath(values.db));
  try {
    const source = getSource(db, id);
    if (!source) throw new CliError(t('sourceCli.notFound', { id }));
    const contacts = peopleCount(db, id);
    removeSource(db, id, Date.now());
    console.log(t('sourceCli.removed', { id, name: source.name, contacts }));
    return 0;
  } finally {
    db.close();
  }
}
