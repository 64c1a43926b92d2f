import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';

/** Takes E5's mark away from these candidates (every demo specialty has an E5), then deliberates. */
export async function loseMark(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<void> {
  if (candidateIds.length > 0)
    await db
      .deleteFrom('first_group_marks')
      .where('candidate_id', 'in', candidateIds)
      .where('code', '=', 'E5')
      .execute();
  await deliberateFirstGroup(db, 2024);
}
