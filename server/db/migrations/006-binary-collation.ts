/**
 * Version 6: string keys compare byte for byte, trailing spaces included, on every database.
 * - MySQL and MariaDB: every string column, every table's default and the database's default take a binary NO PAD
 *   collation (MariaDB's utf8mb4_nopad_bin, MySQL 8's utf8mb4_0900_bin). Under the server's usual default,
 *   utf8mb4_general_ci, two batch ids differing only in case were one id. Tables that later migrations create
 *   inherit the database's default. char(n) becomes varchar(n): MySQL drops a CHAR's trailing spaces whatever the
 *   collation.
 * - PostgreSQL: char(n) becomes varchar(n), since char compares as if padded with spaces. Its other columns already
 *   compare bytes under a deterministic collation.
 * - SQLite compares bytes already, and its char is text without padding.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
type AnyDb = Kysely<any>;

interface StringColumn {
  table: string;
  column: string;
  /** The type it keeps, or takes instead of char(n). */
  type: string;
  /** Declared char(n) by version 1 or 4. */
  wasChar: boolean;
  nullable: boolean;
}

const col = (table: string, column: string, type: string, wasChar: boolean, nullable = false): StringColumn => ({
  table,
  column,
  type,
  wasChar,
  nullable,
});

/** Every string column as of version 5. */
const STRING_COLUMNS: readonly StringColumn[] = [
  col('users', 'set_hash', 'varchar(64)', true),
  col('sessions', 'token_hash', 'varchar(64)', true),
  col('sessions', 'device_name', 'varchar(100)', false, true),
  col('verifications', 'code_hash', 'varchar(64)', true, true),
  col('verifications', 'salt', 'varchar(32)', true, true),
  col('upload_batches', 'batch_id', 'varchar(64)', false),
  col('upload_batches', 'request_hash', 'varchar(64)', true),
  col('upload_batches', 'response', 'text', false),
  col('events', 'type', 'varchar(32)', false),
  col('locks', 'name', 'varchar(32)', false),
  col('spent_budgets', 'number_hash', 'varchar(64)', true),
  col('address_windows', 'address_hash', 'varchar(64)', true),
  col('address_windows', 'kind', 'varchar(16)', false),
];

/** Every table as of version 5; `contacts` has no string column but takes the default for any it gains. */
const TABLES = [...new Set(STRING_COLUMNS.map((c) => c.table)), 'contacts'];

/** Binary and NO PAD, in order of preference: MariaDB's name, then MySQL 8's. */
const BINARY_NO_PAD = ['utf8mb4_nopad_bin', 'utf8mb4_0900_bin'];

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    for (const c of STRING_COLUMNS.filter((c) => c.wasChar)) {
      await db.schema
        .alterTable(c.table)
        .alterColumn(c.column, (a) => a.setDataType(sql.raw(c.type)))
        .execute();
    }
  } else if (dialect === 'mysql') {
    const collation = await binaryNoPad(db);
    const charset = sql.raw(`character set utf8mb4 collate ${collation}`);
    // Without a name, ALTER DATABASE changes the database the connection uses: the server's own.
    await sql`alter database ${charset}`.execute(db);
    for (const table of TABLES) {
      const changes = [
        sql`default ${charset}`,
        ...STRING_COLUMNS.filter((c) => c.table === table).map(
          (c) =>
            sql`modify ${sql.ref(c.column)} ${sql.raw(c.type)} ${charset} ${sql.raw(c.nullable ? 'null' : 'not null')}`,
        ),
      ];
      await sql`alter table ${sql.table(table)} ${sql.join(changes)}`.execute(db);
    }
  }
}

async function binaryNoPad(db: AnyDb): Promise<string> {
  const found = await sql<{ name: string }>`select collation_name as name from information_schema.collations
    where collation_name in (${sql.join(BINARY_NO_PAD)})`.execute(db);
  const names = new Set(found.rows.map((r) => r.name));
  const collation = BINARY_NO_PAD.find((n) => names.has(n));
  if (!collation) {
    throw new Error(
      `the database has no binary NO PAD collation (${BINARY_NO_PAD.join(' or ')}): MariaDB 10.6 or MySQL 8.0 is needed`,
    );
  }
  return collation;
}
