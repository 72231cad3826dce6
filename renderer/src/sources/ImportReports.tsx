import { t } from '../../../i18n/index.ts';
import { Details } from '../components/Details.tsx';
import { IssueGroup } from './IssueGroup.tsx';
import type { ShownReport } from './useImporter.ts';

/** What the last import did, file by file, each file's problems in a group of their own. */
export function ImportReports({ reports }: { reports: ShownReport[] }) {
  if (reports.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="reports-title" data-testid="import-reports">
      <h3 id="reports-title">{t('sources.lastImport')}</h3>
      <ul className="reports">
        {reports.map((r, i) => (
          <li key={i} className="report" data-testid="import-report" data-file={r.file}>
            <strong>{r.file}</strong>
            {r.problem ? (
              <>
                <p className="error-text" data-testid="import-error">
                  {r.problem.message}
                </p>
                <Details detail={r.problem.detail} testId="import-error-details" />
              </>
            ) : (
              <p className="muted" data-testid="import-summary">
                {t('sources.summary', {
                  contacts: r.contacts,
                  added: r.added,
                  updated: r.updated,
                  unchanged: r.unchanged,
                  removed: r.removed,
                })}
              </p>
            )}
            <IssueGroup file={r.file} issues={r.issues} testId="import" />
          </li>
        ))}
      </ul>
    </section>
  );
}
