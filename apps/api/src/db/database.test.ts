import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../../test/support/test-database.ts';

describe.each(backendsUnderTest())('createDatabase on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabaseFor(backend, { migrate: false });
  });
  afterAll(() => t.close());

  it('names its backend', () => {
    expect(t.backend).toBe(backend);
  });

  it('runs its sessions in UTC', async () => {
    const { rows } = await sql<{
      zone: string;
    }>`select current_setting('TimeZone') as zone`.execute(t.db);
    expect(rows[0]?.zone).toBe('UTC');
  });

  it('reads int8 as a number, and beyond 2^53 as a bigint rather than a rounded number', async () => {
    const { rows } = await sql<{ count: unknown; big: unknown }>`
      select count(*) as count, 9007199254740993::int8 as big from generate_series(1, 3)`.execute(
      t.db,
    );
    expect(rows[0]).toEqual({ count: 3, big: 9007199254740993n });
  });

  it('reads timestamptz as a Date and date as its "YYYY-MM-DD" text', async () => {
    // Tests run with TZ=America/New_York: a day read as local midnight would shift.
    const { rows } = await sql<{ at: unknown; day: unknown }>`
      select '2024-06-28T08:00:00Z'::timestamptz as at, '2024-07-03'::date as day`.execute(t.db);
    expect(rows[0]?.at).toEqual(new Date('2024-06-28T08:00:00.000Z'));
    expect(rows[0]?.day).toBe('2024-07-03');
  });
});
