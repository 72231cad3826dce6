import { useState } from 'react';
import type { ImportReport, SourceSummary } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useLoad } from '../hooks/useLoad.ts';
import { ImportPanel } from '../sources/ImportPanel.tsx';
import { ImportReports } from '../sources/ImportReports.tsx';
import { SourceRow } from '../sources/SourceRow.tsx';
import { useImporter } from '../sources/useImporter.ts';

/** Address books imported so far: add more, read what went wrong, re-import or remove one. */
export function Sources() {
  const sources = useLoad(() => api.listSources(), 'sources');
  // The list is read again as soon as an import ends, not only on the next change event.
  const importer = useImporter(sources.reload);
  const [removing, setRemoving] = useState<SourceSummary | null>(null);
  const removal = useAction();
  // The reports on screen when a source was last removed: after that, an empty list is no contradiction of them.
  const [reportsBeforeRemoval, setReportsBeforeRemoval] = useState<ImportReport[] | null>(null);

  async function remove(source: SourceSummary): Promise<void> {
    const reports = importer.reports;
    if (await removal.run(() => api.removeSource(source.id))) {
      setReportsBeforeRemoval(reports);
      sources.reload();
    }
    setRemoving(null);
  }

  const list = sources.data ?? [];
  // A file just imported may not be in the list yet: "Nothing imported yet" would contradict the report beside it.
  const justImported =
    importer.busy ||
    (importer.reports !== reportsBeforeRemoval && importer.reports.some((report) => report.error === null));
  return (
    <section className="screen" aria-labelledby="sources-title">
      <header className="screen-head">
        <h2 id="sources-title">{t('sources.title')}</h2>
        <p className="muted">{t('sources.intro')}</p>
      </header>
      <ImportPanel importer={importer} />
      <ImportReports reports={importer.reports} />
      <section className="panel" aria-labelledby="source-list-title">
        <h3 id="source-list-title">{t('sources.imported')}</h3>
        <ErrorText
          testId="sources-error"
          error={sources.error ?? removal.error}
          detail={sources.error ? null : removal.detail}
        />
        {sources.data && list.length === 0 && !justImported && (
          <p className="muted" data-testid="sources-empty">
            {t('sources.empty')}
          </p>
        )}
        <ul className="source-list" data-testid="source-list">
          {list.map((source) => (
            <SourceRow
              key={source.id}
              source={source}
              busy={importer.busy}
              onReimport={(s) => void importer.run(async () => [await api.reimportSource(s.id)])}
              onRemove={setRemoving}
            />
          ))}
        </ul>
      </section>
      {removing && (
        <ConfirmDialog
          title={t('sources.remove.title')}
          confirmLabel={t('sources.remove.confirm')}
          busy={removal.busy}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>{t('sources.remove.body', { name: removing.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
