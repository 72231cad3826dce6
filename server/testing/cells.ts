/**
 * Reads every row of every table the database's catalogue lists (Kysely's own included), so that a test can say
 * what the database still holds about an account without a list of tables that a new migration would outdate.
 */
import { sql, type Kysely } from 'kysely';

export interface Cell {
  table: string;
  column: string;
  value: unknown;
  row: Record<string, unknown>;
}

/** Every non-null cell of every table, with its row. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: the catalogue says what is there
export async function everyCell(db: Kysely<any>): Promise<Cell[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.length === 0) throw new Error('the catalogue lists no tables: the database is not migrated');
  const cells: Cell[] = [];
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value !== null && value !== undefined) cells.push({ table: table.name, column, value, row });
      }
    }
  }
  return cells;
}

/** A cell's value as text (MySQL hands binary strings over as bytes). */
export function cellText(cell: Cell): string {
  return cell.value instanceof Buffer ? cell.value.toString('utf8') : String(cell.value);
}

/**
 * The cells that name an account: any cell whose text holds the number's digits (a BIGINT number column, or a
 * number inside a JSON answer), a user-reference column (`id` of `users`, or a column ending `user_id`, `owner_id`
 * or `recipient_id`) equal to its id, and text naming the id as a JSON `userId`.
 */
export function naming(cells: readonly Cell[], userId: number, e164: string): Cell[] {
  const digits = e164.replace(/^\+/, '');
  const idInJson = new RegExp(`"userId"\\s*:\\s*${userId}(?![0-9])`);
  return cells.filter((cell) => {
    const text = cellText(cell);
    if (text.includes(digits)) return true;
    const { table, column, value } = cell;
    const reference = (table === 'users' && column === 'id') || /(^|_)(user|owner|recipient)_id$/.test(column);
    if (reference && Number(value) === userId) return true;
    return idInJson.test(text);
  });
}
