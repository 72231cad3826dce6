import type { Db } from './open.ts';
import type { NumberRow, NumberState } from './types.ts';

export function numberCounts(db: Db): Record<NumberState, number> {
  const counts: Record<NumberState, number> = { new: 0, synced: 0, pending_removal: 0 };
  const rows = db.prepare('SELECT state, count(*) AS n FROM numbers GROUP BY state').all() as Array<{
    state: NumberState;
    n: number;
  }>;
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

export function getNumber(db: Db, e164: string): NumberRow | undefined {
  return db.prepare('SELECT * FROM numbers WHERE e164 = ?').get(e164) as NumberRow | undefined;
}

export function listNumbers(db: Db): NumberRow[] {
  return db.prepare('SELECT * FROM numbers ORDER BY e164').all() as NumberRow[];
}

// An excluded number is held by nobody, whichever contacts list it; so is a phone whose country waits for the user's
// check (`to_check`), which must not be uploaded on the home default's guess.
const HELD = `SELECT count(*) FROM phones p JOIN contacts c ON c.id = p.contact_id
              WHERE p.e164 = t.e164 AND c.excluded = 0 AND p.to_check IS NULL
                AND NOT EXISTS (SELECT 1 FROM excluded_numbers x WHERE x.e164 = t.e164)`;

/**
 * Recount the given numbers from the phones of non-excluded contacts, and move their sync state to match:
 * - held again: a new row is `new`; a `pending_removal` one goes back to `synced` (the server still has it);
 * - held by nobody: a never-synced row is forgotten (unless a queued batch is adding it: the answer to that batch
 *   decides); a synced one becomes `pending_removal`.
 * Every write path passes the numbers it touched, in the same transaction as the change. Recounting from the phones
 * (not adding deltas) means passing a number that did not change is harmless.
 */
export function recountNumbers(db: Db, touched: Iterable<string>, now: number): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS touched_numbers (e164 TEXT PRIMARY KEY, held INTEGER) WITHOUT ROWID;
           DELETE FROM temp.touched_numbers;`);
  // One statement, in key order: a hundred thousand numbers inserted one by one in arrival order took twice as long.
  db.prepare('INSERT OR IGNORE INTO temp.touched_numbers (e164) SELECT value FROM json_each(?) ORDER BY 1').run(
    JSON.stringify([...touched]),
  );
  db.exec(`UPDATE temp.touched_numbers AS t SET held = (${HELD})`);
  db.prepare(
    `INSERT INTO numbers (e164, refs, state, first_seen_at, changed_at)
     SELECT e164, held, 'new', @now, @now FROM temp.touched_numbers WHERE held > 0
     ON CONFLICT (e164) DO UPDATE SET
       refs = excluded.refs,
       state = CASE WHEN numbers.state = 'pending_removal' THEN 'synced' ELSE numbers.state END,
       changed_at = CASE WHEN numbers.state = 'pending_removal' THEN @now ELSE numbers.changed_at END`,
  ).run({ now });
  db.exec(`DELETE FROM numbers WHERE state = 'new' AND outbox_id IS NULL
           AND e164 IN (SELECT e164 FROM temp.touched_numbers WHERE held = 0)`);
  db.prepare(
    `UPDATE numbers SET refs = 0,
       state = CASE WHEN state = 'new' THEN 'new' ELSE 'pending_removal' END,
       changed_at = CASE WHEN state = 'synced' THEN @now ELSE changed_at END
     WHERE e164 IN (SELECT e164 FROM temp.touched_numbers WHERE held = 0)`,
  ).run({ now });
  db.exec('DELETE FROM temp.touched_numbers');
}

/** Numbers whose stored reference count disagrees with the phones; empty when the store is consistent. */
export function numberDiscrepancies(db: Db): Array<{ e164: string; stored: number | null; actual: number }> {
  return db
    .prepare(
      `WITH actual AS (
         SELECT p.e164, count(*) AS n FROM phones p JOIN contacts c ON c.id = p.contact_id
         WHERE p.e164 IS NOT NULL AND c.excluded = 0 AND p.to_check IS NULL
           AND NOT EXISTS (SELECT 1 FROM excluded_numbers x WHERE x.e164 = p.e164)
         GROUP BY p.e164)
       SELECT a.e164, n.refs AS stored, a.n AS actual FROM actual a LEFT JOIN numbers n ON n.e164 = a.e164
       WHERE n.refs IS NOT a.n
       UNION ALL
       SELECT n.e164, n.refs, 0 FROM numbers n WHERE NOT EXISTS (SELECT 1 FROM actual a WHERE a.e164 = n.e164)
         AND (n.refs <> 0 OR (n.state <> 'pending_removal' AND n.outbox_id IS NULL))`,
    )
    .all() as Array<{ e164: string; stored: number | null; actual: number }>;
}
