import type { PhoneStatus } from '../../../main/ipc/contract.ts';

const LABELS: Record<PhoneStatus, string> = { valid: 'Valid', possible: 'Possible', invalid: 'Invalid' };

export function StatusBadge({ status }: { status: PhoneStatus }) {
  return (
    <span className={`tag tag-${status}`} data-testid="phone-status">
      {LABELS[status]}
    </span>
  );
}
