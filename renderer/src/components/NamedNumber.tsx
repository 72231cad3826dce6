import type { NamedNumberView } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { AndMore } from './AndMore.tsx';

/** A number as the user reads it: the saved name first (and how many more contacts hold it), then the number. */
export function NamedNumber({ number }: { number: NamedNumberView }) {
  return (
    <>
      <span className="person-name" data-testid="named-number-name">
        {number.name ?? <span className="muted">{t('contacts.onKith.noSavedName')}</span>}
        <AndMore count={number.others} of="contacts" />
      </span>
      <span className="person-number" data-testid="named-number-number">
        {number.display}
      </span>
    </>
  );
}
