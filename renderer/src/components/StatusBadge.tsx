import type { PhoneStatus } from '../../../main/ipc/contract.ts';
import { t, type MessageId } from '../../../i18n/index.ts';

const LABELS: Record<PhoneStatus, MessageId> = {
  valid: 'status.badge.valid',
  possible: 'status.badge.possible',
  invalid: 'status.badge.invalid',
};

export function StatusBadge({ status }: { status: PhoneStatus }) {
  return (
    <span className={`tag tag-${status}`} data-testid="phone-status">
      {t(LABELS[status])}
    </span>
  );
}
