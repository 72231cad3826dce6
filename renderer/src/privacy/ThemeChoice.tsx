import { useState } from 'react';
import type { AppState, Theme } from '../../../main/ipc/contract.ts';
import { t, type MessageId } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';

const CHOICES: Array<{ value: Theme; label: MessageId; hint: MessageId }> = [
  { value: 'system', label: 'settings.theme.system', hint: 'settings.theme.systemHint' },
  { value: 'light', label: 'settings.theme.light', hint: 'settings.theme.lightHint' },
  { value: 'dark', label: 'settings.theme.dark', hint: 'settings.theme.darkHint' },
];

interface Props {
  state: AppState;
  onStateChange: (state: AppState) => void;
}

/** Light, dark, or whatever the system uses; kept in the app's store. */
export function ThemeChoice({ state, onStateChange }: Props) {
  const { error, run } = useAction();
  // The pick shows at once; if it cannot be stored, the stored one comes back with the error.
  const [picked, setPicked] = useState<Theme | null>(null);
  const shown = picked ?? state.theme;

  function pick(theme: Theme): void {
    setPicked(theme);
    void run(async () => onStateChange(await api.setTheme(theme))).finally(() => setPicked(null));
  }

  return (
    <fieldset className="field theme-choice" data-testid="theme-choice">
      <legend>{t('settings.theme.legend')}</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="choice">
          <input
            type="radio"
            name="theme"
            value={choice.value}
            checked={shown === choice.value}
            onChange={() => pick(choice.value)}
            data-testid={`theme-${choice.value}`}
          />
          <span>
            {t(choice.label)}
            <span className="hint">{t(choice.hint)}</span>
          </span>
        </label>
      ))}
      <ErrorText testId="theme-error" error={error} />
    </fieldset>
  );
}
