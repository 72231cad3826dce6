import { t } from '../../../i18n/index.ts';

interface Props {
  count: number;
  /** What there is more of: numbers (a contact's) or contacts (holding a number). */
  of: 'numbers' | 'contacts';
}

/**
 * " and 4 more" after a number or a name (the space included), in words so that it is not read as part of the
 * number; screen readers hear what there is more of.
 */
export function AndMore({ count, of }: Props) {
  if (count <= 0) return null;
  return (
    <>
      {' '}
      <span className="more" aria-label={moreLabel(count, of)} data-testid="and-more">
        {t('contacts.more.text', { count })}
      </span>
    </>
  );
}

export function moreLabel(count: number, of: Props['of']): string {
  return t(of === 'numbers' ? 'contacts.more.numbers' : 'contacts.more.contacts', { count });
}
