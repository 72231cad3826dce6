import type { ContactRowView } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { AndMore } from '../components/AndMore.tsx';
import { Avatar } from '../components/Avatar.tsx';

interface Props {
  row: ContactRowView | undefined;
  index: number;
  total: number;
  selected: boolean;
  start: number;
  height: number;
  onClick: (index: number) => void;
}

export function optionId(index: number): string {
  return `contact-option-${index}`;
}

/** One row of the contacts list; a placeholder while its page is on its way. */
export function ContactRow({ row, index, total, selected, start, height, onClick }: Props) {
  return (
    <div
      id={optionId(index)}
      className={row ? 'contact-row' : 'contact-row placeholder'}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      data-testid={row ? 'contact-row' : 'contact-row-placeholder'}
      data-contact-id={row?.id}
      data-cards={row?.cards}
      style={{ transform: `translateY(${start}px)`, height: `${height}px` }}
      onClick={() => onClick(index)}
    >
      {row ? <RowText row={row} /> : <span className="contact-name">{t('contacts.row.loading')}</span>}
    </div>
  );
}

function RowText({ row }: { row: ContactRowView }) {
  return (
    <>
      <Avatar name={row.name} photoId={row.photo} />
      <span className="contact-name">{row.name}</span>
      <span className="contact-phone">
        {row.phone || t('contacts.row.noNumber')}
        <AndMore count={row.phones - 1} of="numbers" />
      </span>
      <span className="contact-tags">
        {row.onKith && <span className="tag tag-kith">{t('contacts.tag.onKith')}</span>}
        {row.excluded && <span className="tag tag-muted">{t('contacts.tag.excluded')}</span>}
        {row.toCheck && (
          <span
            className="tag tag-possible"
            data-testid="contact-check-badge"
            title={t('contacts.tag.checkCountryTitle')}
          >
            {t('contacts.tag.checkCountry')}
          </span>
        )}
        {(row.status === 'invalid' || row.status === 'possible') && (
          <span className={`tag tag-${row.status}`}>
            {t(row.status === 'invalid' ? 'contacts.tag.invalid' : 'contacts.tag.possible')}
          </span>
        )}
      </span>
    </>
  );
}
