import type { SourceSummary } from '../../../main/ipc/contract.ts';
import { formatDateTime, t } from '../../../i18n/index.ts';
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
        <span className="tag tag-muted">{t(source.kind === 'vcard' ? 'sources.kind.vcard' : 'sources.kind.csv')}</span>
        <p className="muted" data-testid="source-counts">
          {t('sources.counts', {
            contacts: source.contacts,
            records: source.recordsRead,
            valid: numbers.valid,
            possible: numbers.possible,
            invalid: numbers.invalid,
            when: formatDateTime(source.importedAt),
          })}
        </p>
        <IssueGroup file={source.name} issues={source.issues} testId="source" />
      </div>
      <div className="source-actions">
        <button type="button" disabled={busy} onClick={() => onReimport(source)} data-testid="source-reimport">
          {t('sources.reimport')}
        </button>
        <button type="button" disabled={busy} onClick={() => onRemove(source)} data-testid="source-remove">
          {t('sources.removeButton')}
        </button>
      </div>
    </li>
  );
}
