import { t } from '../../../i18n/index.ts';
import { ImportFileError, importFile, type FileReport } from '../../import/importer.ts';
import { applyRegionChoice, SettingError, validateRegionChoice } from '../../import/region.ts';
import { toCheckCount } from '../../store/countries.ts';
import { openStore } from '../../store/open.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';
import { importProgress } from '../progress.ts';

export const importUsage = t('cli.usage.import');

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('import', argv, {
    ...dbOption,
    region: { type: 'string' },
    me: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError(t('cli.import.noFiles', { usage: importUsage }));
  const choice = { me: values.me, region: values.region };
  try {
    validateRegionChoice(choice);
  } catch (err) {
    if (err instanceof SettingError) throw new CliError(t('cli.error', { command: 'import', message: err.message }), 2);
    throw err;
  }
  const db = openStore(resolveDbPath(values.db));
  try {
    const regionState = applyRegionChoice(db, choice);
    if (regionState.renormalized > 0) {
      console.log(t('cli.import.renormalized', { region: regionState.region, count: regionState.renormalized }));
    }
    const progress = importProgress();
    const reports: FileReport[] = [];
    const failures: string[] = [];
    // A failure of the store itself (a full disk) stops the run; the files imported before it stay imported.
    let stop: unknown = null;
    for (const file of positionals) {
      try {
        reports.push(await importFile(db, file, { region: regionState.region, onProgress: progress.update }));
      } catch (err) {
        if (!(err instanceof ImportFileError)) {
          stop = err;
          break;
        }
        failures.push(err.message);
      } finally {
        progress.done();
      }
    }
    for (const r of reports) printReport(r);
    if (stop !== null) throw stop;
    if (reports.length > 1) printTotals(reports);
    const toCheck = toCheckCount(db);
    if (toCheck > 0) console.log(t('cli.import.toCheck', { count: toCheck }));
    for (const f of failures) console.error(t('cli.error', { command: 'import', message: f }));
    // Said only when something was imported, so that a failure stays one line.
    if (!regionState.region && reports.length > 0) {
      console.error(t('cli.import.noRegion'));
    }
    const imported = reports.some((r) => r.contacts > 0);
    if (!imported && failures.length === 0) throw new CliError(t('cli.import.nothing'));
    return imported ? 0 : 1;
  } finally {
    db.close();
  }
}

function printReport(r: FileReport): void {
  const counts = {
    file: r.file,
    read: r.recordsRead,
    contacts: r.contacts,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    removed: r.removed,
  };
  console.log(t(r.format === 'vcard' ? 'cli.import.cards' : 'cli.import.rows', counts));
  console.log(t('cli.import.numbers', { ...r.phones }));
  if (r.errors.length > 0) {
    console.log(t('cli.import.errors', { count: r.errors.length }));
    for (const e of r.errors) console.log(t('cli.import.issue', { file: e.file, line: e.line, message: e.message }));
  }
}

function printTotals(reports: FileReport[]): void {
  const sum = (f: (r: FileReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  console.log(
    t('cli.import.total', {
      read: sum((r) => r.recordsRead),
      contacts: sum((r) => r.contacts),
      valid: sum((r) => r.phones.valid),
      possible: sum((r) => r.phones.possible),
      invalid: sum((r) => r.phones.invalid),
      errors: sum((r) => r.errors.length),
    }),
  );
}
