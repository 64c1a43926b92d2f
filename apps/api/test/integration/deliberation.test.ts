import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';

/** Each candidate's stored outcome and the transaction that last wrote its row. */
async function snapshot(
  t: TestDatabase,
): Promise<Map<string, { outcome: string | null; xmin: string }>> {
  const rows = await sql<{ id: string; outcome: string | null; xmin: string }>`
    select id, first_group_outcome as outcome, xmin::text as xmin from candidates`.execute(t.db);
  return new Map(rows.rows.map((r) => [r.id, { outcome: r.outcome, xmin: r.xmin }]));
}

describe.each(backendsUnderTest())('deliberating a session, on %s', (backend) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    // Any string will do as a hash: nobody logs in here.
    await seedDemo(t.db, { candidates: 300, hashPassword: () => Promise.resolve('x') });
  });
  afterAll(() => t.close());

  it('rewrites only the rows whose outcome changed', async () => {
    await deliberateFirstGroup(t.db, 2024);
    const before = await snapshot(t);
    await deliberateFirstGroup(t.db, 2024);
    expect(await snapshot(t)).toEqual(before);

    // One candidate admitted moves to failed: every professional mark to 0.
    const admitted = [...before].find(([, v]) => v.outcome === 'ADMITTED')?.[0];
    expect(admitted).toBeDefined();
    await t.db
      .updateTable('first_group_marks')
      .set({ hundredths: 0 })
      .where('candidate_id', '=', admitted as string)
      .where('status', '=', 'MARK')
      .execute();
    await deliberateFirstGroup(t.db, 2024);
    const after = await snapshot(t);
    const rewritten = [...after]
      .filter(([id, v]) => v.xmin !== before.get(id)?.xmin)
      .map(([id]) => id);
    expect(rewritten).toEqual([admitted]);
    expect(after.get(admitted as string)?.outcome).toBe('FAILED');
  });

  it('is one transaction: a failure part-way leaves every stored outcome as it was', async () => {
    await t.db.updateTable('candidates').set({ first_group_outcome: null }).execute();
    const failed = await deliberateFirstGroup(t.db, 2024).then(() => snapshot(t));
    const victim = [...failed].find(([, v]) => v.outcome === 'FAILED')?.[0] as string;
    await t.db.updateTable('candidates').set({ first_group_outcome: null }).execute();
    // FAILED outcomes are stored after ADMITTED ones: refuse one of them.
    await sql`create function refuse_victim() returns trigger language plpgsql as $$
      begin
        if new.id = ${sql.lit(victim)}::uuid then raise exception 'injected failure'; end if;
        return new;
      end $$`.execute(t.db);
    await sql`create trigger refuse_victim before update on candidates
      for each row execute function refuse_victim()`.execute(t.db);
    try {
      await expect(deliberateFirstGroup(t.db, 2024)).rejects.toThrow(/injected failure/);
    } finally {
      await sql`drop trigger refuse_victim on candidates`.execute(t.db);
      await sql`drop function refuse_victim()`.execute(t.db);
    }
    const outcomes = [...(await snapshot(t)).values()].map((v) => v.outcome);
    expect(outcomes.every((o) => o === null)).toBe(true);
  });
});
