import type { ImportReport, SourceIssue } from '../../../main/ipc/contract.ts';
import { baseName, formatCount, plural } from '../format.ts';

/** A long list of problems is cut here; the rest is counted. */
const MAX_ISSUES = 200;

/** `file:line: message`, with the file's name only (imports are copies inside the app's data folder). */
export function issueText(issue: SourceIssue): string {
  return `${baseName(issue.file)}:${issue.line}: ${issue.message}`;
}

/** Problems as `file:line: message`, one a line. */
export function IssueList({ issues, testId }: { issues: SourceIssue[]; testId: string }) {
  if (issues.length === 0) return null;
  const shown = issues.slice(0, MAX_ISSUES);
  return (
    <ul className="issues">
      {shown.map((issue, i) => (
        <li key={i} data-testid={testId}>
          {issueText(issue)}
        </li>
      ))}
      {issues.length > shown.length && <li className="muted">and {formatCount(issues.length - shown.length)} more</li>}
    </ul>
  );
}

/** What the last import did, file by file. */
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
                {r.issues.length > 0 && ` · ${plural(r.issues.length, 'problem')}`}
              </p>
            )}
            <IssueList issues={r.issues} testId="import-issue" />
          </li>
        ))}
      </ul>
    </section>
  );
}
