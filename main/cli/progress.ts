import { t } from '../../i18n/index.ts';
import type { ImportProgress } from '../import/importer.ts';

/** Progress on stderr, only on a terminal: redirected output stays clean. */
export function importProgress(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: undefined, done: () => {} };
  let shown = false;
  return {
    update(p: ImportProgress) {
      const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100;
      stream.write(
        `\r\x1b[2K${t('cli.import.progress', { file: p.file, done: p.done, total: p.total, percent: pct })}`,
      );
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
