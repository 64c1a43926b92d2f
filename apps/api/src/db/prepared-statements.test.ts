import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../../test/support/test-database.ts';
import { type DatabaseHandle, createDatabase } from './database.ts';
import { MAX_PREPARED_TEXTS } from './prepared-statements.ts';

// Named statements are a PostgreSQL matter (PGlite runs in the process).
// One connection per handle, so that the session's prepared statements
// (pg_prepared_statements is per connection) are those of every query sent.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a scratch table of the test's own
type AnyDb = Kysely<any>;

async function prepared(db: AnyDb): Promise<{ name: string; statement: string }[]> {
  const { rows } = await sql<{ name: string; statement: string }>`
    select name, statement from pg_prepared_statements order by prepare_time`.execute(db);
  return rows;
}

describe.runIf(backendsUnderTest().includes('postgres'))('named prepared statements', () => {
  let t: TestDatabase;
  let on: DatabaseHandle;
  let off: DatabaseHandle;
  beforeAll(async () => {
    t = await createTestDatabaseFor('postgres', { migrate: false });
    on = await createDatabase({ url: t.url, poolSize: 1 });
    off = await createDatabase({ url: t.url, poolSize: 1, preparedStatements: false });
    await sql`create table scratch (id int primary key, label text not null)`.execute(on.db);
  });
  afterAll(async () => {
    await on.close();
    await off.close();
    await t.close();
  });

  it('prepares a read with parameters once and answers each call with its own values', async () => {
    const db = on.db as AnyDb;
    await db
      .insertInto('scratch')
      .values([
        { id: 1, label: 'un' },
        { id: 2, label: 'deux' },
      ])
      .execute();
    const read = (id: number) =>
      db.selectFrom('scratch').select('label').where('id', '=', id).executeTakeFirst();
    expect(await read(1)).toEqual({ label: 'un' });
    expect(await read(2)).toEqual({ label: 'deux' });
    expect(await read(3)).toBeUndefined();
    const statements = await prepared(db);
    // One read, prepared once; the insert (a write) and the query of the view itself went unnamed.
    expect(statements).toHaveLength(1);
    expect(statements[0]?.statement).toMatch(/^select "label" from "scratch" where "id" = \$1$/);
    expect(statements[0]?.name).toMatch(/^k[\w-]{24}$/);
  });

  it('leaves reads of whole rows unnamed, so a column added by a migration breaks no connection', async () => {
    const db = on.db as AnyDb;
    const whole = () => db.selectFrom('scratch').selectAll().where('id', '=', 1).executeTakeFirst();
    const before = (await prepared(db)).length;
    expect(await whole()).toEqual({ id: 1, label: 'un' });
    await sql`alter table scratch add column note text`.execute(db);
    expect(await whole()).toEqual({ id: 1, label: 'un', note: null });
    const counted = await db
      .selectFrom('scratch')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id', '>', 0)
      .executeTakeFirst();
    expect(Number(counted?.n)).toBe(2);
    // count(*) is not a whole row: it is prepared; the two `select *` are not.
    const after = await prepared(db);
    expect(after).toHaveLength(before + 1);
    expect(after.some((s) => /select \*/.test(s.statement))).toBe(false);
  });

  it('sends nothing named when switched off', async () => {
    const db = off.db as AnyDb;
    expect(
      await db.selectFrom('scratch').select('label').where('id', '=', 2).executeTakeFirst(),
    ).toEqual({ label: 'deux' });
    expect(await prepared(db)).toEqual([]);
  });

  it('stops naming new texts past its bound, and still answers them', async () => {
    const db = on.db as AnyDb;
    // Distinct texts: each selects another literal alias.
    for (let i = 0; i < MAX_PREPARED_TEXTS + 5; i++) {
      const row = await db
        .selectFrom('scratch')
        .select(sql<number>`${sql.lit(i)}::int`.as(`c${i}`))
        .where('id', '=', 1)
        .executeTakeFirst();
      expect(row?.[`c${i}`]).toBe(i);
    }
    expect((await prepared(db)).length).toBe(MAX_PREPARED_TEXTS);
  });
});
