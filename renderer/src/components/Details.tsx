import { t } from '../../../i18n/index.ts';

interface Props {
  detail: string | null | undefined;
  testId: string;
}

/** The technical detail of an error, closed under its message: for a bug report, never the headline. */
export function Details({ detail, testId }: Props) {
  if (!detail) return null;
  return (
    <details className="error-details" data-testid={testId}>
      <summary>{t('errors.details')}</summary>
      <code>{detail}</code>
    </details>
  );
}
