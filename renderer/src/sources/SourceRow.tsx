import type { SourceSummary } from '../../../main/ipc/contract.ts';
import { formatCount, formatTime, plural } from '../format.ts';
import { IssueGroup } from './IssueGroup.tsx';

interface Props {
  source: SourceSummary;
  busy: boolean;
  onReimport: (source: SourceSummary) => void;
  onRemove: (source: SourceSummary) => void;
}

export function SourceRow({ source, busy, onReimport, onRemove }: Props) {
  const { numbers } = source;
  return (
    <li className="source-row" data-testid="source-row" data-source-id={source.id}>
      <div className="source-main">
        <strong data-testid="source-name">{source.name}</strong>
        <span className="tag tag-muted">{source.kind === 'vcard' ? 'vCard' : 'CSV'}</span>
        <p className="muted" data-testid="source-counts">
          {plural(source.contacts, 'contact')} from {plural(source.recordsRead, 'record')} ·{' '}
          {formatCount(numbers.valid)} valid, {formatCount(numbers.possible)} possible, {formatCount(numbers.invalid)}{' '}
          invalid numbers · imported {formatTime(source.importedAt)}
        </p>
        <IssueGroup file={source.name} issues={source.issues} testId="source" />
      </div>
      <div className="source-actions">
        <button type="button" disabled={busy} onClick={() => onReimport(source)} data-testid="source-reimport">
          Re-import
        </button>
        <button type="button" disabled={busy} onClick={() => onRemove(source)} data-testid="source-remove">
          Remove
        </button>
      </div>
    </li>
  );
}
