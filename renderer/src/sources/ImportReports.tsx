import type { ImportReport } from '../../../main/ipc/contract.ts';
import { formatCount, plural } from '../format.ts';
import { IssueGroup } from './IssueGroup.tsx';

/** What the last import did, file by file, each file's problems in a group of their own. */
export function ImportReports({ reports }: { reports: ImportReport[] }) {
  if (reports.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="reports-title" data-testid="import-reports">
      <h3 id="reports-title">Last import</h3>
      <ul className="reports">
        {reports.map((r, i) => (
          <li key={i} className="report" data-testid="import-report" data-file={r.file}>
            <strong>{r.file}</strong>
            {r.error ? (
              <p className="error-text" data-testid="import-error">
                {r.file}: {r.error}
              </p>
            ) : (
              <p className="muted" data-testid="import-summary">
                {plural(r.contacts, 'contact')}: {formatCount(r.added)} added, {formatCount(r.updated)} updated,{' '}
                {formatCount(r.unchanged)} unchanged, {formatCount(r.removed)} removed
              </p>
            )}
            <IssueGroup file={r.file} issues={r.issues} testId="import" />
          </li>
        ))}
      </ul>
    </section>
  );
}
