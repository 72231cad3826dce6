import { useState } from 'react';
import type { ImportReport } from '../../../main/ipc/contract.ts';
import type { PlainError } from '../../../i18n/error-text.ts';
import { t } from '../../../i18n/index.ts';
import { api, errorText } from '../api.ts';
import { useAppEvent } from '../hooks/useAppEvent.ts';
import { importError, unfinishedImport, wrongTypeError } from './import-error.ts';
import { ACCEPTED, readBase64 } from './read-files.ts';

export interface Progress {
  file: string;
  done: number;
  total: number;
}

/** A report as shown: the file by the name the user chose, and a failure in words. */
export interface ShownReport extends ImportReport {
  problem: PlainError | null;
}

export interface Importer {
  busy: boolean;
  progress: Progress | null;
  reports: ShownReport[];
  importFiles: (files: File[]) => Promise<void>;
  /** Runs an import that answers with reports of its own (the native dialog, a re-import). */
  run: (action: () => Promise<ImportReport[]>) => Promise<void>;
}

function failed(file: string, problem: PlainError): ShownReport {
  return {
    file,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    contacts: 0,
    issues: [],
    error: problem.detail ?? problem.message,
    problem,
  };
}

/** The report with its failure in words; `name` is the file's name as the user chose it, when known. */
function shown(report: ImportReport, name = report.file): ShownReport {
  return { ...report, file: name, problem: report.error === null ? null : importError(name, report.error) };
}

/**
 * Imports files one by one (so one bad file fails alone), following `import-progress` events. `onFinished` runs
 * once each import is over, whatever came of it.
 */
export function useImporter(onFinished?: () => void): Importer {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [reports, setReports] = useState<ShownReport[]>([]);

  useAppEvent((event) => {
    if (event.type === 'import-progress') setProgress({ file: event.file, done: event.done, total: event.total });
  });

  async function run(action: (add: (got: ShownReport[]) => void) => Promise<void>): Promise<void> {
    setBusy(true);
    setProgress(null);
    setReports([]);
    const add = (got: ShownReport[]) => setReports((list) => [...list, ...got]);
    try {
      await action(add);
    } catch (err) {
      add([failed(t('sources.importFailed'), unfinishedImport(errorText(err)))]);
    } finally {
      setBusy(false);
      setProgress(null);
      onFinished?.();
    }
  }

  // Reports appear file by file, as each import finishes.
  const importFiles = (files: File[]) =>
    run(async (add) => {
      for (const file of files) {
        if (!ACCEPTED.test(file.name)) {
          add([failed(file.name, wrongTypeError(file.name))]);
          continue;
        }
        try {
          // The app stores the upload under a name of its own: the report names the file as the user chose it.
          add((await api.importFiles([await readBase64(file)])).map((report) => shown(report, file.name)));
        } catch (err) {
          add([failed(file.name, importError(file.name, errorText(err)))]);
        }
      }
    });

  const runAction = (action: () => Promise<ImportReport[]>) =>
    run(async (add) => add((await action()).map((report) => shown(report))));

  return { busy, progress, reports, importFiles, run: runAction };
}
