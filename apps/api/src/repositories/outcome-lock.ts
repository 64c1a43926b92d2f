import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * One lock per session over its stored first-group outcomes, held to the
 * end of the transaction. Deliberation reads marks and jury decisions, then
 * writes outcomes: two deliberations of the same session, or a deliberation
 * and a jury decision, that overlap would each write what it read before
 * the other committed, and the later commit would store an outcome computed
 * without the other's marks or without the jury's decision. A marks import
 * and a deliberation take it whole; jury decisions take it shared among
 * themselves (each locks its candidate's row as well). Taken before any row
 * lock, by everyone, so no two transactions wait on each other in a circle.
 */
const OUTCOMES_LOCK_SPACE = 1_917_001;

export async function lockSessionOutcomes(
  db: Kysely<Database>,
  year: number,
  mode: 'exclusive' | 'shared',
): Promise<void> {
  // A closed pair of PostgreSQL's own function names, never input.
  const lock = sql.raw(
    mode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared',
  );
  await sql`select ${lock}(${OUTCOMES_LOCK_SPACE}::integer, ${year}::integer)`.execute(db);
}
