import type { Kysely } from 'kysely';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import type { Database } from '../../src/db/schema.ts';

/**
 * The demo seeded with `count` candidates (nobody logs in: any string is a
 * hash), and the ids of that year's candidates in id order.
 */
export async function seedDemoCandidates(
  db: Kysely<Database>,
  count: number,
  year: number,
): Promise<string[]> {
  await seedDemo(db, { candidates: count, hashPassword: () => Promise.resolve('x') });
  const rows = await db
    .selectFrom('candidates')
    .select('id')
    .where('year', '=', year)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
