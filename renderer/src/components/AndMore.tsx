import { formatCount } from '../format.ts';

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
        {`and ${formatCount(count)} more`}
      </span>
    </>
  );
}

export function moreLabel(count: number, of: Props['of']): string {
  if (of === 'numbers') return count === 1 ? 'and 1 more number' : `and ${formatCount(count)} more numbers`;
  return count === 1 ? 'and 1 more contact' : `and ${formatCount(count)} more contacts`;
}
