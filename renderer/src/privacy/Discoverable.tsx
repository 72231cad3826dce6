import { useState } from 'react';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useLoad } from '../hooks/useLoad.ts';

/** Whether people who have your number can find you; the server keeps the choice. */
export function Discoverable() {
  const discoverable = useLoad(() => api.discoverable(), 'discoverable', []);
  const [value, setValue] = useState<boolean | null>(null);
  const { error, run } = useAction();
  const shown = value ?? discoverable.data;

  return (
    <section className="panel" aria-labelledby="discoverable-title">
      <h3 id="discoverable-title">{t('privacy.discoverable.title')}</h3>
      <label className="switch">
        <input
          type="checkbox"
          checked={shown ?? false}
          disabled={shown === undefined}
          onChange={(e) => void run(async () => setValue(await api.setDiscoverable(e.target.checked)))}
          data-testid="privacy-discoverable"
        />
        <span>
          {t('privacy.discoverable.label')}
          <span className="hint">
            {shown === undefined && !discoverable.error
              ? t('privacy.discoverable.asking')
              : t('privacy.discoverable.stored')}
          </span>
        </span>
      </label>
      <ErrorText testId="privacy-discoverable-error" error={discoverable.error ?? error} />
    </section>
  );
}
