import { useState } from 'react';
import type { ImportReport } from '../../../main/ipc/contract.ts';
import { api, errorText } from '../api.ts';
import { useAppEvent } from '../hooks/useAppEvent.ts';
import { ACCEPTED, readBase64 } from './read-files.ts';

export interface Progress {
  file: string;
  done: number;
  total: number;
}

export interface Importer {
  busy: boolean;
  progress: Progress | null;
  reports: ImportReport[];
  importFiles: (files: File[]) => Promise<void>;
  /** Runs an import that answers with reports of its own (the native dialog, a re-import). */
  run: (action: () => Promise<ImportReport[]>) => Promise<void>;
}

function failed(file: string, error: string): ImportReport {
  return { file, added: 0, updated: 0, unchanged: 0, removed: 0, contacts: 0, issues: [], error };
}

/**
 * Imports files one by one (so one bad file fails alone), following `import-progress` events. `onFinished` runs
 * once each import is over, whatever came of it.
 */
export function useImporter(onFinished?: () => void): Importer {
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [reports, setReports] = useState<ImportReport[]>([]);

  useAppEvent((event) => {
    if (event.type === 'import-progress') setProgress({ file: event.file, done: event.done, total: event.total });
  });

  async function run(action: (add: (got: ImportReport[]) => void) => Promise<void>): Promise<void> {
    setBusy(true);
    setProgress(null);
    setReports([]);
    const add = (got: ImportReport[]) => setReports((list) => [...list, ...got]);
    try {
      await action(add);
    } catch (err) {
      add([failed('Import', errorText(err))]);
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
          add([failed(file.name, 'not a vCard (.vcf, .vcard) or CSV (.csv) file')]);
          continue;
        }
        try {
          add(await api.importFiles([await readBase64(file)]));
        } catch (err) {
          add([failed(file.name, errorText(err))]);
        }
      }
    });

  const runAction = (action: () => Promise<ImportReport[]>) => run(async (add) => add(await action()));

  return { busy, progress, reports, importFiles, run: runAction };
}
