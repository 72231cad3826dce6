import type { AppState } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { DangerZone } from '../privacy/DangerZone.tsx';
import { Discoverable } from '../privacy/Discoverable.tsx';
import { Exclusions } from '../privacy/Exclusions.tsx';
import { Explainer } from '../privacy/Explainer.tsx';
import { UploadLog } from '../privacy/UploadLog.tsx';

interface Props {
  onStateChange: (state: AppState) => void;
}

/** What is uploaded and what is not, who can find you, and deleting it all from the server. */
export function Privacy({ onStateChange }: Props) {
  return (
    <section className="screen" aria-labelledby="privacy-title">
      <header className="screen-head">
        <h2 id="privacy-title">{t('privacy.title')}</h2>
      </header>
      <Explainer />
      <Discoverable />
      <Exclusions />
      <UploadLog />
      <DangerZone onStateChange={onStateChange} />
    </section>
  );
}
