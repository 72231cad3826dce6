import type { SourceIssue } from '../../../main/ipc/contract.ts';
import { baseName } from '../format.ts';

/** `file:line: message`, with the file's name only (imports are copies inside the app's data folder). */
function issueText(issue: SourceIssue): string {
  return `${baseName(issue.file)}:${issue.line}: ${issue.message}`;
}

/** Every problem, one `file:line: message` line each, as the `kith import` command prints them: what Copy copies. */
export function issuesAsText(issues: readonly SourceIssue[]): string {
  return issues.map((issue) => `${issueText(issue)}\n`).join('');
}
