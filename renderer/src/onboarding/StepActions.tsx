import { t } from '../../../i18n/index.ts';

interface Props {
  onBack?: () => void;
  busy: boolean;
  label: string;
  busyLabel: string;
  testId: string;
}

/** Back (where there is a step before) and the step's submit button. */
export function StepActions({ onBack, busy, label, busyLabel, testId }: Props) {
  return (
    <div className="actions">
      {onBack && (
        <button type="button" onClick={onBack} data-testid="onboarding-back">
          {t('onboarding.back')}
        </button>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid={testId}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
