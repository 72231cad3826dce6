import { useState } from 'react';
import type { AppInfo, AppState } from '../../../main/ipc/contract.ts';
import { CodeStep } from '../onboarding/CodeStep.tsx';
import { OwnNumberStep } from '../onboarding/OwnNumberStep.tsx';
import { ServerStep } from '../onboarding/ServerStep.tsx';
import { SignOutPending } from '../components/SignOutPending.tsx';
import { t, type MessageId } from '../../../i18n/index.ts';

type Step = { name: 'number' } | { name: 'server' } | { name: 'code'; devCode: string | null };

const STEPS: MessageId[] = ['onboarding.step.number', 'onboarding.step.server', 'onboarding.step.code'];

interface Props {
  info: AppInfo;
  state: AppState;
  onSignedIn: (state: AppState) => void;
}

/** Shown until signed in: own number and country, the server, then the verification code. */
export function Onboarding({ info, state, onSignedIn }: Props) {
  const [current, setCurrent] = useState(state);
  const [step, setStep] = useState<Step>({ name: 'number' });
  const index = step.name === 'number' ? 0 : step.name === 'server' ? 1 : 2;

  return (
    <div className="onboarding" data-testid="onboarding">
      <header className="onboarding-head">
        <h1 className="brand">{info.name}</h1>
        <p className="muted">{t('onboarding.tagline')}</p>
        <SignOutPending signOuts={state.pendingSignOuts} />
      </header>
      <ol className="steps" aria-label={t('onboarding.steps')}>
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === index ? 'step' : undefined} className={i < index ? 'done' : undefined}>
            {t(label)}
          </li>
        ))}
      </ol>
      <main className="onboarding-body">
        {step.name === 'number' && (
          <OwnNumberStep
            state={current}
            onDone={(next) => {
              setCurrent(next);
              setStep({ name: 'server' });
            }}
          />
        )}
        {step.name === 'server' && (
          <ServerStep
            ownNumber={current.ownNumber}
            onSent={(devCode) => setStep({ name: 'code', devCode })}
            onBack={() => setStep({ name: 'number' })}
          />
        )}
        {step.name === 'code' && (
          <CodeStep devCode={step.devCode} onVerified={onSignedIn} onBack={() => setStep({ name: 'server' })} />
        )}
      </main>
      <footer className="onboarding-foot">
        <p className="muted" data-testid="app-version">
          {t('onboarding.version', { version: info.version })}
        </p>
      </footer>
    </div>
  );
}
