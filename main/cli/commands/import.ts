import { ImportFileError, importFile, type FileReport } from '../../import/importer.ts';
import { applyRegionChoice, SettingError, validateRegionChoice } from '../../import/region.ts';
import { toCheckCount } from '../../store/countries.ts';
import { openStore } from '../../store/open.ts';
import { dbOption, parseCommand } from '../args.ts';
import { CliError, UsageError } from '../errors.ts';
import { resolveDbPath } from '../paths.ts';
import { importProgress } from '../progress.ts';

export const importUsage = 'kith import <files…> [--region CC | --me +E164] [--db PATH]';

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('import', argv, {
    ...dbOption,
    region: { type: 'string' },
    me: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError(`kith import: name at least one file: ${importUsage}`);
  const choice = { me: values.me, region: values.region };
  try {
    validateRegionChoice(choice);
  } catch (err) {
    if (err instanceof SettingError) throw new CliError(`kith import: ${err.message}`, 2);
    throw err;
  }
  const db = openStore(resolveDbPath(values.db));
  try {
    const regionState = applyRegionChoice(db, choice);
    if (regionState.renormalized > 0) {
      console.log(
        `Default region is now ${regionState.region}: re-normalized ${regionState.renormalized} stored numbers.`,
      );
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
    if (toCheck > 0) {
      console.log(
        toCheck === 1
          ? '1 number written without a country code reads as a service number only because of the home country: it is not uploaded until you check it (kith contacts, kith number).'
          : `${toCheck} numbers written without a country code read as service numbers only because of the home country: they are not uploaded until you check them (kith contacts, kith number).`,
      );
    }
    for (const f of failures) console.error(`kith import: ${f}`);
    // Said only when something was imported, so that a failure stays one line.
    if (!regionState.region && reports.length > 0) {
      console.error(
        'kith import: no default region (pass --me +E164 or --region CC); numbers without a country code are invalid.',
      );
    }
    const imported = reports.some((r) => r.contacts > 0);
    if (!imported && failures.length === 0) throw new CliError('kith import: no contacts found in the given files');
    return imported ? 0 : 1;
  } finally {
    db.close();
  }
}

function printReport(r: FileReport): void {
  const kind = r.format === 'vcard' ? 'cards' : 'rows';
  console.log(
    `${r.file}: ${r.recordsRead} ${kind} read, ${r.contacts} contacts ` +
      `(${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed)`,
  );
  console.log(`  numbers: ${r.phones.valid} valid, ${r.phones.possible} possible, ${r.phones.invalid} invalid`);
  if (r.errors.length > 0) {
    console.log(`  ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}:`);
    for (const e of r.errors) console.log(`  ${e.file}:${e.line}: ${e.message}`);
  }
}

function printTotals(reports: FileReport[]): void {
  const sum = (f: (r: FileReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  console.log(
    `total: ${sum((r) => r.recordsRead)} records read, ${sum((r) => r.contacts)} contacts, numbers ` +
      `${sum((r) => r.phones.valid)} valid, ${sum((r) => r.phones.possible)} possible, ` +
      `${sum((r) => r.phones.invalid)} invalid, ${sum((r) => r.errors.length)} errors`,
  );
}
