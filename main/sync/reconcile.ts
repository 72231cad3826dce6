/**
 * Periodic reconciliation: compare the hash of the set the client believes the server holds with the server's.
 * On a mismatch, fetch the server's list and repair the local belief, so the next sync uploads exactly the
 * difference.
 */
import { setHash } from '../../protocol/set-hash.ts';
import type { Db } from '../store/open.ts';
import { setSetting } from '../store/settings.ts';
import type { ServerClient } from './client.ts';
import { applyMatchList } from './joins.ts';

export const DEFAULT_RECONCILE_MS = 24 * 3_600_000;

/** What the server should hold, as far as the client knows: confirmed numbers, including those queued to go. */
export function believedSet(db: Db): string[] {
  return db.prepare(`SELECT e164 FROM numbers WHERE state IN ('synced', 'pending_removal')`).pluck().all() as string[];
}

export interface ReconcileResult {
  status: 'unchanged' | 'repaired';
  /** Numbers the server lacked (to be uploaded again) and numbers it had that the client did not expect. */
  missing: number;
  unexpected: number;
  nextAt: number;
}

export async function reconcile(
  db: Db,
  client: ServerClient,
  now: number,
  random = Math.random,
): Promise<ReconcileResult> {
  const believed = believedSet(db);
  const check = await client.checkSet(setHash(believed));
  const intervalMs = (check.reconcileAfterSeconds * 1000 || DEFAULT_RECONCILE_MS) * (0.9 + 0.2 * random());
  const nextAt = Math.round(now + intervalMs);
  if (check.status === 'unchanged') {
    setSetting(db, 'next_reconcile_at', String(nextAt));
    return { status: 'unchanged', missing: 0, unexpected: 0, nextAt };
  }
  const onServer = new Set<string>();
  for (let after: string | null = null; ;) {
    const page = await client.numbers(after);
    for (const n of page.numbers) onServer.add(n);
    if (!page.next) break;
    after = page.next;
  }
  const matches = await client.matches();
  const believedSetOf = new Set(believed);
  const missing = believed.filter((n) => !onServer.has(n));
  const unexpected = [...onServer].filter((n) => !believedSetOf.has(n));
  db.transaction(() => {
    const lost = db.prepare(
      `UPDATE numbers SET state = CASE WHEN refs > 0 THEN 'new' ELSE state END, synced_at = NULL WHERE e164 = ?`,
    );
    const gone = db.prepare(`DELETE FROM numbers WHERE e164 = ? AND refs = 0`);
    for (const n of missing) {
      lost.run(n);
      gone.run(n);
    }
    // Numbers the server has but the client did not expect: keep those still wanted, remove the rest.
    const found = db.prepare(
      `INSERT INTO numbers (e164, refs, state, first_seen_at, changed_at, synced_at)
       VALUES (?, 0, 'pending_removal', @now, @now, @now)
       ON CONFLICT (e164) DO UPDATE SET state = CASE WHEN refs > 0 THEN 'synced' ELSE 'pending_removal' END,
         synced_at = @now`,
    );
    for (const n of unexpected) found.run(n, { now });
    applyMatchList(db, matches.matches, now);
    setSetting(db, 'next_reconcile_at', String(nextAt));
  })();
  return { status: 'repaired', missing: missing.length, unexpected: unexpected.length, nextAt };
}
