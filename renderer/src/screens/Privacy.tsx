import type { AppState } from '../../../main/ipc/contract.ts';
import { DangerZone } from '../privacy/DangerZone.tsx';
import { Exclusions } from '../privacy/Exclusions.tsx';
import { Explainer } from '../privacy/Explainer.tsx';
import { Settings } from '../privacy/Settings.tsx';
import { UploadLog } from '../privacy/UploadLog.tsx';

interface Props {
  state: AppState;
  onStateChange: (state: AppState) => void;
}

export function Privacy({ state, onStateChange }: Props) {
  return (
    <section className="screen" aria-labelledby="privacy-title">
      <header className="screen-head">
        <h2 id="privacy-title">Privacy</h2>
        {state.server && (
          <p className="muted" data-testid="privacy-server">
            {state.server.demo ? 'Using a local demo server on this computer' : `Server: ${state.server.url}`}
          </p>
        )}
      </header>
      <Explainer />
      <Settings state={state} onStateChange={onStateChange} />
      <Exclusions />
      <UploadLog />
      <DangerZone onStateChange={onStateChange} />
    </section>
  );
}
