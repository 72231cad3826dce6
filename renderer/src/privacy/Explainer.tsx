import { t } from '../../../i18n/index.ts';

/** How many new numbers the server lets a new account check at first (server/config.ts). */
const FIRST_ALLOWANCE = 50_000;

/** Plain words on what Kith needs and what never leaves this computer. */
export function Explainer() {
  return (
    <section className="panel" aria-labelledby="explainer-title" data-testid="privacy-explainer">
      <h3 id="explainer-title">{t('privacy.explainer.title')}</h3>
      <p>{t('privacy.explainer.intro')}</p>
      <ul className="plain-list">
        <li>
          <strong>{t('privacy.explainer.numbersOnly')}</strong> {t('privacy.explainer.numbersOnlyRest')}
        </li>
        <li>
          <strong>{t('privacy.explainer.namesStay')}</strong> {t('privacy.explainer.namesStayRest')}
        </li>
        <li>{t('privacy.explainer.limit', { allowance: FIRST_ALLOWANCE })}</li>
        <li>{t('privacy.explainer.control')}</li>
      </ul>
    </section>
  );
}
