/** Checks an upload body beyond its shape: the size limit first (413), then each number (400 with its index). */
import { MAX_BATCH_NUMBERS } from '../../protocol/api.ts';
import { isE164 } from '../../protocol/e164.ts';
import { HttpError } from '../http/errors.ts';

export function checkBatch(add: readonly string[], remove: readonly string[]): void {
  const total = add.length + remove.length;
  if (total > MAX_BATCH_NUMBERS) {
    throw new HttpError(
      413,
      'batch_too_large',
      `a batch holds at most ${MAX_BATCH_NUMBERS} numbers; this one has ${total}`,
    );
  }
  for (const [field, list] of [
    ['add', add],
    ['remove', remove],
  ] as const) {
    const index = list.findIndex((n) => !isE164(n));
    if (index >= 0) {
      throw new HttpError(400, 'invalid_number', `${field}[${index}] is not an E.164 number`, { field, index });
    }
  }
  const adding = new Set(add);
  const both = remove.findIndex((n) => adding.has(n));
  if (both >= 0) {
    throw new HttpError(400, 'add_and_remove', `remove[${both}] is also in add`, { field: 'remove', index: both });
  }
}
