import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { ErrorText, invalidProps } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { t } from '../../../i18n/index.ts';
import { StepActions } from './StepActions.tsx';

interface Props {
  ownNumber: string | null;
  onSent: (devCode: string | null) => void;
  onBack: () => void;
}

/** Which sync server to use: the bundled demo server (works offline), or one at an address. */
export function ServerStep({ ownNumber, onSent, onBack }: Props) {
  const [custom, setCustom] = useState(false);
  const [url, setUrl] = useState('');
  const { busy, error, detail, setError, run } = useAction('sign-in');

  function submit(event: FormEvent): void {
    event.preventDefault();
    const address = url.trim();
    if (custom && !/^https?:\/\//i.test(address)) {
      setError(t('onboarding.server.needScheme'));
      return;
    }
    if (custom && !URL.canParse(address)) {
      setError(t('onboarding.server.notAddress', { address }));
      return;
    }
    void run(async () => onSent((await api.startVerification(custom ? address : null)).devCode));
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="onboarding-server-form">
      <h2>{t('onboarding.server.title')}</h2>
      <p className="muted">
        {ownNumber ? t('onboarding.server.intro', { number: ownNumber }) : t('onboarding.server.introNoNumber')}
      </p>
      <fieldset className="field">
        <legend>{t('onboarding.server.legend')}</legend>
        <label className="choice">
          <input
            type="radio"
            name="server"
            checked={!custom}
            onChange={() => setCustom(false)}
            data-testid="onboarding-server-demo"
          />
          <span>
            {t('onboarding.server.demo')}
            <span className="hint">{t('onboarding.server.demoHint')}</span>
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="server"
            checked={custom}
            onChange={() => setCustom(true)}
            data-testid="onboarding-server-custom"
          />
          <span>{t('onboarding.server.custom')}</span>
        </label>
        <label htmlFor="server-url" className="visually-hidden">
          {t('onboarding.server.address')}
        </label>
        <input
          id="server-url"
          type="url"
          placeholder={t('onboarding.server.placeholder')}
          value={url}
          disabled={!custom}
          onChange={(e) => setUrl(e.target.value)}
          {...invalidProps(error, 'server-error')}
          data-testid="onboarding-server-url"
        />
        <ErrorText id="server-error" testId="onboarding-server-error" error={error} detail={detail} />
      </fieldset>
      <StepActions
        onBack={onBack}
        busy={busy}
        label={t('onboarding.server.submit')}
        busyLabel={t('onboarding.server.sending')}
        testId="onboarding-send-code"
      />
    </form>
  );
}
