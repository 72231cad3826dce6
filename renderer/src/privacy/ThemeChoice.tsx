import { useState } from 'react';
import type { AppState, Theme } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';

const CHOICES: Array<{ value: Theme; label: string; hint: string }> = [
  { value: 'system', label: 'Same as the system', hint: 'Light or dark as your computer is set.' },
  { value: 'light', label: 'Light', hint: 'Always light.' },
  { value: 'dark', label: 'Dark', hint: 'Always dark.' },
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
      <legend>Appearance</legend>
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
            {choice.label}
            <span className="hint">{choice.hint}</span>
          </span>
        </label>
      ))}
      <ErrorText testId="theme-error" error={error} />
    </fieldset>
  );
}
