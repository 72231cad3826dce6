import { useId, useState } from 'react';
import type { SourceIssue } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { issuesAsText } from './issue-text.ts';

/** A long list of problems is cut here on screen (Copy still copies them all); the rest is counted. */
const MAX_SHOWN = 200;

interface Props {
  /** The file's name, for screen readers: there is a Copy button per file. */
  file: string;
  issues: SourceIssue[];
  /** Prefix of the test ids: `import` in the last import's report, `source` in the list of sources. */
  testId: 'import' | 'source';
}

/** What the last Copy did, for which list of problems (a re-import brings a new one, not yet copied). */
type Copied = { of: SourceIssue[]; error: string | null } | null;

/**
 * One file's problems: a button with their count that shows or hides them (a disclosure, so Enter and Space work
 * and screen readers hear whether it is open), and a Copy button that puts them on the clipboard as
 * `file:line: message` lines, the form `kith import` prints.
 */
export function IssueGroup({ file, issues, testId }: Props) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<Copied>(null);
  const listId = useId();
  if (issues.length === 0) return null;

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(issuesAsText(issues));
      setCopied({ of: issues, error: null });
    } catch (err) {
      setCopied({ of: issues, error: err instanceof Error ? err.message : String(err) });
    }
  }

  const shown = issues.slice(0, MAX_SHOWN);
  const done = copied?.of === issues ? copied : null;
  return (
    <div className="issue-group" data-testid={`${testId}-issues`}>
      <div className="issue-group-head">
        <button
          type="button"
          className="ghost small issue-toggle"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
          data-testid={`${testId}-issues-toggle`}
        >
          {t('sources.problems', { count: issues.length })}
        </button>
        <button
          type="button"
          className="small"
          aria-label={t('sources.copyLabel', { file })}
          onClick={() => void copy()}
          data-testid={`${testId}-issues-copy`}
        >
          {t('sources.copy')}
        </button>
        <span role="status" className="muted issue-copied" data-testid={`${testId}-issues-copied`}>
          {done && done.error === null && t('sources.copied')}
          {done && done.error !== null && t('sources.copyFailed', { error: done.error })}
        </span>
      </div>
      <ol id={listId} className="issues" hidden={!open}>
        {shown.map((issue, i) => (
          <li key={i} data-testid={`${testId}-issue`} data-line={issue.line}>
            <span className="issue-line">{t('sources.line', { line: issue.line })}</span>{' '}
            <span className="issue-message">{issue.message}</span>
          </li>
        ))}
        {issues.length > shown.length && (
          <li className="muted">{t('sources.notShown', { count: issues.length - shown.length })}</li>
        )}
      </ol>
    </div>
  );
}
