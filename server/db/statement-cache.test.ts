import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from './statement-cache.ts';

describe('cacheStatements', () => {
  const open: BetterSqlite3.Database[] = [];
  const database = (size?: number) => {
    const db = cacheStatements(new BetterSqlite3(':memory:'), size);
    open.push(db);
    return db;
  };
  afterEach(() => open.splice(0).forEach((db) => db.close()));

  it('prepares each text once and keeps the most recently used', () => {
    const db = database(2);
    const a = db.prepare('select 1 as v');
    expect(db.prepare('select 1 as v')).toBe(a);
    const b = db.prepare('select 2 as v');
    db.prepare('select 1 as v'); // a is now the most recent, so `select 3` pushes b out
    db.prepare('select 3 as v');
    expect(db.prepare('select 1 as v')).toBe(a);
    expect(db.prepare('select 2 as v')).not.toBe(b);
    expect((db.prepare('select 2 as v').get() as { v: number }).v).toBe(2);
  });

  it('answers from the current schema after a kept statement’s table changes', () => {
    const db = database();
    db.exec('create table t (a integer)');
    db.prepare('insert into t (a) values (?)').run(1);
    expect(db.prepare('select * from t').all()).toEqual([{ a: 1 }]);
    db.exec('alter table t add column b integer default 7');
    expect(db.prepare('select * from t').all()).toEqual([{ a: 1, b: 7 }]);
  });

  it('serves Kysely queries and transactions, preparing each of their texts once', async () => {
    const raw = new BetterSqlite3(':memory:');
    const prepared: string[] = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((source: string) => (prepared.push(source), prepare(source))) as typeof raw.prepare;
    open.push(cacheStatements(raw));
    const db = new Kysely<{ t: { a: number } }>({ dialect: new SqliteDialect({ database: raw }) });
    await sql`create table t (a integer primary key)`.execute(db);
    for (const a of [1, 2, 3]) {
      await db.transaction().execute((trx) => trx.insertInto('t').values({ a }).execute());
    }
    expect((await db.selectFrom('t').select('a').orderBy('a').execute()).map((r) => r.a)).toEqual([1, 2, 3]);
    // Three transactions, each a begin, an insert and a commit, reached SQLite as one preparation of each.
    expect(prepared.filter((s) => s.startsWith('insert'))).toHaveLength(1);
    expect(prepared.filter((s) => s === 'begin')).toHaveLength(1);
  });
});
