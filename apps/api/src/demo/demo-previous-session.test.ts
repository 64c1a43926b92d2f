import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../../test/support/test-database.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';
import { deliberateFirstGroup } from '../services/deliberate.ts';
import { PREVIOUS_DEMO_YEAR, seedPreviousDemoSession } from './demo-previous-session.ts';
import { seedDemo } from './seed-demo.ts';

describe.each(backendsUnderTest())('the demo’s previous session, on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    await seedDemo(t.db, { candidates: 30, hashPassword: (p) => Promise.resolve(`fake:${p}`) });
    await seedPreviousDemoSession(t.db, { candidates: 40 });
    await deliberateFirstGroup(t.db, PREVIOUS_DEMO_YEAR);
  });
  afterAll(() => t.close());

  const count = async (year: number) =>
    (
      await t.db
        .selectFrom('candidates')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('year', '=', year)
        .executeTakeFirstOrThrow()
    ).n;

  it('holds 2023 beside 2024: its own calendar a year earlier, its own rules, its own candidates', async () => {
    const reference = await loadSessionReference(t.db, PREVIOUS_DEMO_YEAR);
    expect(reference?.calendar.batches[0]?.firstGroupResultsAt).toEqual(
      new Date('2023-06-28T08:00:00.000Z'),
    );
    expect(reference?.policy.name).toBe('Règles de la session 2023 (fictive)');
    // Its texts name no other year's sources.
    expect(reference?.policy.texts.join(' ')).not.toContain('2024');
    expect(reference?.policy.texts.at(-1)).toContain('fictive');
    expect(Number(await count(2023))).toBe(40);
    expect(Number(await count(2024))).toBe(30);
    const numbers = await t.db
      .selectFrom('candidates')
      .select(['number', 'first_group_outcome'])
      .where('year', '=', 2023)
      .execute();
    expect(numbers.every((c) => c.number.startsWith('023'))).toBe(true);
    // Deliberated like 2024: every 2023 candidate has a stored outcome.
    expect(numbers.every((c) => c.first_group_outcome !== null)).toBe(true);
  });

  it('does nothing the second time', async () => {
    await seedPreviousDemoSession(t.db, { candidates: 40 });
    expect(Number(await count(2023))).toBe(40);
  });
});
