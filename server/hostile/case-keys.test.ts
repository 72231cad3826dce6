import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { NumberPage } from '../../protocol/api.ts';
import { connect } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import type { DialectName } from '../db/schema.ts';
import { newSecret } from '../secret.ts';
import { createTestDatabase } from '../testing/databases.ts';
import { columns, sqliteIndexCollations, uniqueKeys, type Column } from '../testing/schema-catalogue.ts';
import { eachDialect, serverFor, signIn, upload } from '../testing/suite.ts';

/** Binary, and trailing spaces count: MariaDB's and MySQL 8's names for it. */
const BINARY_NO_PAD = ['utf8mb4_nopad_bin', 'utf8mb4_0900_bin'];

const swapCase = (s: string) => [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

/** Makes up rows for any table: unique numbers, unique strings within each column's length. */
function rowMaker(all: Column[]) {
  let n = 0;
  const number = (c: Column) => {
    n += 1;
    if (/smallint|tinyint/.test(c.type)) return n;
    if (/bigint/.test(c.type)) return 900_000_000_000 + n;
    return 1_000_000 + n;
  };
  const text = (c: Column, base: string) => (c.maxLength === null ? base : base.slice(-c.maxLength));
  const value = (c: Column): unknown => {
    if (c.kind === 'integer') return number(c);
    if (c.kind === 'float') return 0;
    if (c.kind === 'string') return text(c, `v${(n += 1)}`);
    throw new Error(`no test value for ${c.table}.${c.name} of type ${c.type}`);
  };
  return {
    next: () => (n += 1),
    /** Every column that must be given, with made-up values, then `fixed` over them. */
    row(table: string, fixed: Record<string, unknown>): Record<string, unknown> {
      const row: Record<string, unknown> = {};
      for (const c of all.filter((c) => c.table === table && !c.generated && !c.nullable)) row[c.name] = value(c);
      return { ...row, ...fixed };
    },
    value,
  };
}

/** Each dialect's own proof that its string columns compare bytes, all of them. */
async function expectBinaryCatalogue(db: Kysely<unknown>, dialect: DialectName, strings: Column[]): Promise<void> {
  if (dialect === 'mysql') {
    expect(strings.filter((c) => !BINARY_NO_PAD.includes(c.collation ?? '') || c.type.startsWith('char('))).toEqual([]);
    const tables = await sql<{ name: string; collation: string }>`
      select table_name as name, table_collation as collation from information_schema.tables
      where table_schema = database() and table_name not like 'kysely\\_%'`.execute(db);
    expect(tables.rows.filter((t) => !BINARY_NO_PAD.includes(t.collation))).toEqual([]);
    const database = await sql<{ collation: string }>`select default_collation_name as collation
      from information_schema.schemata where schema_name = database()`.execute(db);
    expect(BINARY_NO_PAD).toContain(database.rows[0]!.collation);
  } else if (dialect === 'postgres') {
    // char(n) compares as if padded with spaces; varchar and text under a deterministic collation compare bytes.
    expect(strings.filter((c) => c.type === 'character')).toEqual([]);
    const collated = await sql<{ collation: string; deterministic: boolean }>`
      select c.collation_name as collation, p.collisdeterministic as deterministic
      from information_schema.columns c join pg_collation p on p.collname = c.collation_name
      where c.table_schema = current_schema()`.execute(db);
    expect(collated.rows.filter((c) => !c.deterministic)).toEqual([]);
  } else {
    expect((await sqliteIndexCollations(db)).filter((i) => i.coll !== 'BINARY')).toEqual([]);
    const declared = await sql<{ name: string }>`select name from sqlite_master
      where sql like '%collate%' and name not like 'kysely\\_%' escape '\\'`.execute(db);
    expect(declared.rows).toEqual([]);
  }
}

await eachDialect('keys that differ only in case or trailing spaces', (dialect) => {
  const srv = serverFor(dialect);
  const db = () => srv().server.ctx.conn.db as unknown as Kysely<unknown>;

  it('applies two batch ids that differ only in case as two batches, each with its own answer', async () => {
    const me = await signIn(srv().url, '+447700900401');
    const upper = await upload(me, 'batchAAAAAAAA', ['+447700900402']);
    const lower = await upload(me, 'batchaaaaaaaa', ['+447700900403', '+447700900404']);
    expect(upper).toMatchObject({ status: 200, body: { batchId: 'batchAAAAAAAA', added: 1, count: 1 } });
    expect(lower).toMatchObject({ status: 200, body: { batchId: 'batchaaaaaaaa', added: 2, count: 3 } });
    // Each id replays its own answer, and still refuses other numbers.
    expect((await upload(me, 'batchAAAAAAAA', ['+447700900402'])).body).toEqual(upper.body);
    expect((await upload(me, 'batchaaaaaaaa', ['+447700900404', '+447700900403'])).body).toEqual(lower.body);
    expect((await upload(me, 'batchAAAAAAAA', ['+447700900403'])).status).toBe(409);
    expect((await me.call<NumberPage>('GET', '/v1/contacts')).body.numbers).toEqual([
      '+447700900402',
      '+447700900403',
      '+447700900404',
    ]);
  });

  it('stores every string column in a form that compares bytes', async () => {
    const strings = (await columns(db(), dialect)).filter((c) => c.kind === 'string');
    expect(strings.map((c) => `${c.table}.${c.name}`)).toEqual(
      expect.arrayContaining(['upload_batches.batch_id', 'sessions.token_hash', 'locks.name', 'events.type']),
    );
    await expectBinaryCatalogue(db(), dialect, strings);
  });

  it('keeps apart keys that differ only in case or a trailing space, in every unique key', async () => {
    const all = await columns(db(), dialect);
    const byName = new Map(all.map((c) => [`${c.table}.${c.name}`, c]));
    const keys = (await uniqueKeys(db(), dialect)).filter((k) =>
      k.columns.some((name) => byName.get(`${k.table}.${name}`)?.kind === 'string'),
    );
    expect(keys.map((k) => `${k.table}(${k.columns.join(',')})`)).toEqual(
      expect.arrayContaining(['upload_batches(owner_id,batch_id)', 'sessions(token_hash)', 'locks(name)']),
    );
    const make = rowMaker(all);
    const tried: string[] = [];
    for (const key of keys) {
      const keyColumns = key.columns.map((name) => byName.get(`${key.table}.${name}`)!);
      // One string column at a time, the rest of the key fixed, so that each column proves itself.
      for (const varied of keyColumns.filter((c) => c.kind === 'string')) {
        const fixed = Object.fromEntries(keyColumns.filter((c) => c !== varied).map((c) => [c.name, make.value(c)]));
        const room = (varied.maxLength ?? 64) - 1;
        const base = `Kc${make.next()}xYz`.slice(0, room);
        const variants = [base, swapCase(base), `${base} `, `${swapCase(base)} `];
        for (const v of variants) {
          const row = make.row(key.table, { ...fixed, [varied.name]: v });
          await db()
            .insertInto(key.table as never)
            .values(row as never)
            .execute()
            .catch((err: Error) => {
              throw new Error(`${key.table}.${varied.name} = ${JSON.stringify(v)}: ${err.message}`, { cause: err });
            });
        }
        for (const v of variants) {
          let query = db()
            .selectFrom(key.table as never)
            .select(sql<string>`${sql.ref(varied.name)}`.as('v'))
            .where(sql.ref(varied.name), '=', v);
          for (const [name, value] of Object.entries(fixed)) query = query.where(sql.ref(name), '=', value);
          const found = (await query.execute()) as { v: string }[];
          expect({ column: `${key.table}.${varied.name}`, found: found.map((r) => r.v) }).toEqual({
            column: `${key.table}.${varied.name}`,
            found: [v],
          });
        }
        tried.push(`${key.table}.${varied.name}`);
      }
    }
    expect(tried).toEqual(expect.arrayContaining(['upload_batches.batch_id', 'address_windows.kind']));
  });

  it('keeps every row of a database made before the change', async () => {
    const database = await createTestDatabase(dialect);
    const { db } = connect(database.url, 1);
    try {
      await migrate(db, dialect, newSecret(), '005-address-windows');
      const hash = (c: string) => c.repeat(64);
      const before = {
        upload_batches: {
          owner_id: 1,
          batch_id: 'batchAAAAAAAA',
          request_hash: hash('a'),
          response: '{}',
          created_at: 5,
        },
        sessions: { user_id: 1, token_hash: hash('b'), device_name: 'Laptop', created_at: 5, last_seen_at: 6 },
        spent_budgets: { number_hash: hash('c'), tokens: 1.5, at: 5, full_at: 7 },
        address_windows: { address_hash: hash('d'), kind: 'starts', window_start: 5, hits: 2 },
      };
      for (const [table, row] of Object.entries(before))
        await db
          .insertInto(table as never)
          .values(row as never)
          .execute();
      await migrate(db, dialect, newSecret(), '006-binary-collation');
      for (const [table, row] of Object.entries(before)) {
        const rows = await db
          .selectFrom(table as never)
          .select(Object.keys(row) as never)
          .execute();
        expect({ table, rows }).toEqual({ table, rows: [row] });
      }
      await db
        .insertInto('upload_batches')
        .values({ ...before.upload_batches, batch_id: 'batchaaaaaaaa' })
        .execute();
      const ids = await db.selectFrom('upload_batches').select('batch_id').orderBy('batch_id').execute();
      expect(ids.map((r) => r.batch_id)).toEqual(['batchAAAAAAAA', 'batchaaaaaaaa']);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});
