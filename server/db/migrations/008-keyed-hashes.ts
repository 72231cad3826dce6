/**
 * Version 8: every hash of a phone number or client address is keyed with the server secret. Rows hashed without
 * the key could be reversed by trying every number or address, so none is left:
 * - `upload_batches`: a request hash cannot be rekeyed without the batch's numbers, and the stored answers list
 *   matches, which answers no longer keep. The rows are deleted; a batch sent again is applied again, which changes
 *   nothing (held numbers are skipped, removed ones are gone), as after the retention period.
 * - `spent_budgets`: rekeyed in place, so deleted accounts' part-spent budgets still hold. The key is the keyed hash
 *   of the old one (see `numberHash` in account/spent-budget.ts).
 * - `address_windows`: deleted; at worst an address gets a fresh hour of verification attempts.
 */
import { createHmac } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ServerSecret } from '../../secret.ts';
import type { DialectName } from '../schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, _dialect: DialectName, secret: ServerSecret): Promise<void> {
  // The migrator wraps a migration in a transaction where DDL is transactional (SQLite, PostgreSQL), not on MySQL:
  // there a half-done rekeying would be rekeyed twice on the next start.
  const run = (work: (trx: AnyDb) => Promise<void>) =>
    db.isTransaction ? work(db) : db.transaction().execute((trx: Transaction<unknown>) => work(trx as AnyDb));
  await run(async (trx) => {
    await trx.deleteFrom('upload_batches').execute();
    await trx.deleteFrom('address_windows').execute();
    const kept = await trx.selectFrom('spent_budgets').select('number_hash').execute();
    for (const row of kept as Array<{ number_hash: string }>) {
      // Written out rather than imported: a migration must keep meaning what it meant when it ran.
      const rekeyed = createHmac('sha256', secret).update('kith-budget:').update(row.number_hash.trim()).digest('hex');
      await trx
        .updateTable('spent_budgets')
        .set({ number_hash: rekeyed })
        .where('number_hash', '=', row.number_hash)
        .execute();
    }
  });
}
