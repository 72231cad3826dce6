/**
 * What the database itself says about the schema: every column and every unique key of the server's tables, read
 * from the catalogue of each dialect, so that tests cover tables added later without being told about them.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db/schema.ts';

export interface Column {
  table: string;
  name: string;
  /** The declared type, lowercase, e.g. `varchar(64)`, `char(64)`, `text`, `bigint`. */
  type: string;
  kind: 'string' | 'integer' | 'float' | 'other';
  /** Characters, for a string column with a limit. */
  maxLength: number | null;
  nullable: boolean;
  /** Filled in by the database when omitted (a default, an identity or an auto-increment). */
  generated: boolean;
  /** MySQL: the column's collation. */
  collation: string | null;
}

export interface UniqueKey {
  table: string;
  name: string;
  columns: string[];
}

/** Kysely's bookkeeping tables belong to the migrator, not to the server's data. */
const isOurs = (table: string) => !table.startsWith('kysely_') && !table.startsWith('sqlite_');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the catalogue is not in the schema type
type AnyDb = Kysely<any>;

function kindOf(type: string): Column['kind'] {
  if (/char|text|clob/.test(type)) return 'string';
  if (/int/.test(type)) return 'integer';
  if (/double|real|float|numeric|decimal/.test(type)) return 'float';
  return 'other';
}

export async function columns(db: AnyDb, dialect: DialectName): Promise<Column[]> {
  if (dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    const all: Column[] = [];
    for (const { name: table } of tables.rows.filter((t) => isOurs(t.name))) {
      const info = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`
        select * from pragma_table_info(${table})`.execute(db);
      const pkCount = info.rows.filter((c) => c.pk > 0).length;
      for (const c of info.rows) {
        const type = c.type.toLowerCase();
        // An INTEGER PRIMARY KEY on its own is the rowid, which SQLite assigns.
        const rowid = type === 'integer' && c.pk > 0 && pkCount === 1;
        all.push({
          table,
          name: c.name,
          type,
          kind: kindOf(type),
          maxLength: Number(/\((\d+)\)/.exec(type)?.[1]) || null,
          nullable: c.notnull === 0 && c.pk === 0,
          generated: rowid || c.dflt_value !== null,
          collation: null,
        });
      }
    }
    return all;
  }
  if (dialect === 'postgres') {
    const result = await sql<{
      table_name: string;
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
      column_default: string | null;
      is_identity: string;
      collation_name: string | null;
    }>`select table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity,
        collation_name
      from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(
      db,
    );
    return result.rows
      .filter((c) => isOurs(c.table_name))
      .map((c) => ({
        table: c.table_name,
        name: c.column_name,
        type: c.data_type,
        kind: kindOf(c.data_type === 'character' ? 'char' : c.data_type),
        maxLength: c.character_maximum_length,
        nullable: c.is_nullable === 'YES',
        generated: c.is_identity === 'YES' || c.column_default !== null,
        collation: c.collation_name,
      }));
  }
  const result = await sql<{
    TABLE_NAME: string;
    COLUMN_NAME: string;
    COLUMN_TYPE: string;
    CHARACTER_MAXIMUM_LENGTH: number | null;
    IS_NULLABLE: string;
    COLUMN_DEFAULT: string | null;
    EXTRA: string;
    COLLATION_NAME: string | null;
  }>`select table_name as TABLE_NAME, column_name as COLUMN_NAME, column_type as COLUMN_TYPE,
      character_maximum_length as CHARACTER_MAXIMUM_LENGTH, is_nullable as IS_NULLABLE,
      column_default as COLUMN_DEFAULT, extra as EXTRA, collation_name as COLLATION_NAME
    from information_schema.columns where table_schema = database() order by table_name, ordinal_position`.execute(db);
  return result.rows
    .filter((c) => isOurs(c.TABLE_NAME))
    .map((c) => {
      const type = String(c.COLUMN_TYPE).toLowerCase();
      return {
        table: c.TABLE_NAME,
        name: c.COLUMN_NAME,
        type,
        kind: kindOf(type),
        maxLength: c.CHARACTER_MAXIMUM_LENGTH === null ? null : Number(c.CHARACTER_MAXIMUM_LENGTH),
        nullable: c.IS_NULLABLE === 'YES',
        // MariaDB reports a missing default as the text NULL.
        generated: /auto_increment/i.test(c.EXTRA) || (c.COLUMN_DEFAULT !== null && c.COLUMN_DEFAULT !== 'NULL'),
        collation: c.COLLATION_NAME,
      };
    });
}

/** Every primary key, unique constraint and unique index. */
export async function uniqueKeys(db: AnyDb, dialect: DialectName): Promise<UniqueKey[]> {
  if (dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    const keys: UniqueKey[] = [];
    for (const { name: table } of tables.rows.filter((t) => isOurs(t.name))) {
      const indexes = await sql<{ name: string; unique: number }>`select * from pragma_index_list(${table})`.execute(
        db,
      );
      for (const index of indexes.rows.filter((i) => i.unique === 1)) {
        const cols = await sql<{ name: string; key: number }>`select * from pragma_index_xinfo(${index.name})`.execute(
          db,
        );
        keys.push({ table, name: index.name, columns: cols.rows.filter((c) => c.key === 1).map((c) => c.name) });
      }
    }
    return keys;
  }
  if (dialect === 'postgres') {
    const result = await sql<{ table: string; name: string; columns: string[] }>`
      select t.relname as table, i.relname as name,
        array(select a.attname::text from unnest(x.indkey) with ordinality as k(attnum, n)
          join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.n) as columns
      from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace s on s.oid = t.relnamespace
      where x.indisunique and s.nspname = current_schema()`.execute(db);
    return result.rows.filter((k) => isOurs(k.table));
  }
  const result = await sql<{ TABLE_NAME: string; INDEX_NAME: string; COLUMN_NAME: string }>`
    select table_name as TABLE_NAME, index_name as INDEX_NAME, column_name as COLUMN_NAME
    from information_schema.statistics where table_schema = database() and non_unique = 0
    order by table_name, index_name, seq_in_index`.execute(db);
  const keys = new Map<string, UniqueKey>();
  for (const row of result.rows.filter((r) => isOurs(r.TABLE_NAME))) {
    const id = `${row.TABLE_NAME}.${row.INDEX_NAME}`;
    const key = keys.get(id) ?? { table: row.TABLE_NAME, name: row.INDEX_NAME, columns: [] };
    key.columns.push(row.COLUMN_NAME);
    keys.set(id, key);
  }
  return [...keys.values()];
}

/** SQLite: the collating sequence of every string column in every index (BINARY unless declared otherwise). */
export async function sqliteIndexCollations(db: AnyDb): Promise<{ index: string; column: string; coll: string }[]> {
  const indexes = await sql<{ name: string; tbl_name: string }>`
    select name, tbl_name from sqlite_master where type = 'index'`.execute(db);
  const all: { index: string; column: string; coll: string }[] = [];
  for (const index of indexes.rows.filter((i) => isOurs(i.tbl_name))) {
    const cols = await sql<{ name: string | null; key: number; coll: string }>`
      select * from pragma_index_xinfo(${index.name})`.execute(db);
    for (const c of cols.rows.filter((c) => c.key === 1 && c.name !== null)) {
      all.push({ index: index.name, column: c.name!, coll: c.coll });
    }
  }
  return all;
}
