import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';

// Bad planning data is refused by the database itself, whatever the caller.
describe.each(backendsUnderTest())('planning constraints on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    await seedDemo(t.db, { candidates: 3, hashPassword });
  });
  afterAll(async () => {
    await t.close();
  });

  const examiner = (from: string, until: string) =>
    t.db
      .insertInto('examiners')
      .values({
        year: 2024,
        academy_code: '10',
        name: `Examinateur ${from}-${until}`,
        day: '2024-07-03',
        available_from: from,
        available_until: until,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  it.each([
    [
      'hours in the wrong order',
      '2024-07-03T10:00:00Z',
      '2024-07-03T08:00:00Z',
      'examiners_hours_order',
    ],
    // 23:30Z on 2 July is 01:30 on 3 July in Paris: accepted; 21:30Z is still 2 July.
    [
      'hours starting the day before (Paris)',
      '2024-07-02T21:30:00Z',
      '2024-07-03T08:00:00Z',
      'examiners_hours_on_day',
    ],
    [
      'hours running into the next day (Paris)',
      '2024-07-03T08:00:00Z',
      '2024-07-03T22:30:00Z',
      'examiners_hours_on_day',
    ],
  ])('refuses %s', async (_label, from, until, constraint) => {
    await expect(examiner(from, until)).rejects.toThrow(constraint);
  });

  it('accepts hours from just after midnight to midnight, Paris time', async () => {
    await expect(examiner('2024-07-02T23:30:00Z', '2024-07-03T22:00:00Z')).resolves.toBeDefined();
  });

  it('refuses an examined test that is not in the session’s structure', async () => {
    const { id } = await examiner('2024-07-03T06:00:00Z', '2024-07-03T16:00:00Z');
    await expect(
      t.db
        .insertInto('examiner_tests')
        .values({ examiner_id: id, year: 2024, specialty_code: 'MCO', test_code: 'E9' })
        .execute(),
    ).rejects.toThrow('examiner_tests_test_fkey');
  });

  it('refuses a room named twice and an extra preparation ratio above 1', async () => {
    const room = { year: 2024, academy_code: '10', name: 'Salle 1', accessible: true };
    await t.db.insertInto('rooms').values(room).execute();
    await expect(t.db.insertInto('rooms').values(room).execute()).rejects.toThrow('rooms_key');
    const candidate = await t.db.selectFrom('candidates').select('id').executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto('candidate_accommodations')
        .values({
          candidate_id: candidate.id,
          extra_preparation_numerator: 4,
          extra_preparation_denominator: 3,
          accessible_room_required: false,
          note: null,
        })
        .execute(),
    ).rejects.toThrow('candidate_accommodations_ratio');
  });
});
