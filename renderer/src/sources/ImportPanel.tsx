import { useRef, useState, type DragEvent } from 'react';
import type { Importer } from './useImporter.ts';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';

/** Served from kith:// in the desktop app, where the native open dialog can be used; elsewhere a file input. */
const desktop = location.protocol === 'kith:';

/** The drop zone, the "Choose files…" button and the progress of the import under way. */
export function ImportPanel({ importer }: { importer: Importer }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function choose(): void {
    if (desktop) void importer.run(() => api.chooseAndImport());
    else input.current?.click();
  }

  function onDrop(event: DragEvent): void {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0 && !importer.busy) void importer.importFiles(files);
  }

  const { progress } = importer;
  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>{t('sources.drop')}</p>
      <button type="button" className="primary" onClick={choose} disabled={importer.busy} data-testid="import-choose">
        {t('sources.choose')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".vcf,.vcard,.csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) void importer.importFiles(files);
        }}
      />
      <div role="status" aria-live="polite" className="import-progress" data-testid="import-progress">
        {importer.busy &&
          (progress ? (
            <>
              <span>
                {t('sources.importingFile', { file: progress.file, done: progress.done, total: progress.total })}
              </span>
              <progress value={progress.done} max={Math.max(1, progress.total)} />
            </>
          ) : (
            <>
              <span>{t('sources.importing')}</span>
              <progress />
            </>
          ))}
      </div>
    </div>
  );
}
