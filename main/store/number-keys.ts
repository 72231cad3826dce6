import type { Db } from './open.ts';

const KEY_ROWS = 100;
const KEY_PARAMS = 3;
const COLUMNS = '(contact_id, position, key)';

/**
 * Writes the search keys of new phones (see migrations/008-number-keys.ts), KEY_ROWS at a time. Call `flush` before
 * the phones of a contact are deleted or the transaction commits, so that no queued key outlives its phone.
 */
export function numberKeyWriter(db: Db) {
  const insertOne = db.prepare(`INSERT INTO number_keys ${COLUMNS} VALUES (?, ?, ?)`);
  const insertMany = db.prepare(
    `INSERT INTO number_keys ${COLUMNS} VALUES ${Array(KEY_ROWS).fill('(?, ?, ?)').join(', ')}`,
  );
  let queued: unknown[] = [];
  return {
    add(contactId: number | bigint, position: number, keys: readonly string[]): void {
      for (const key of keys) queued.push(contactId, position, key);
      while (queued.length >= KEY_ROWS * KEY_PARAMS) insertMany.run(queued.splice(0, KEY_ROWS * KEY_PARAMS));
    },
    flush(): void {
      for (let i = 0; i < queued.length; i += KEY_PARAMS) insertOne.run(queued.slice(i, i + KEY_PARAMS));
      queued = [];
    },
  };
}
