import { type Kysely, sql } from 'kysely';

/**
 * The stored first-group outcome is written in place (a HOT update: a new
 * row version on the same page, no index touched). A marks import writes
 * every candidate's outcome once, null → a value: with the outcome in an
 * index, or with full pages, each of those updates also wrote an entry in
 * every one of the candidates' seven indexes — 10–11 s for 250 000
 * candidates, against 0.8 s in place (measured on PostgreSQL 15, docs/performance.md).
 *
 * - No index holds the outcome: the outcome filter (the pilot's; a
 *   partner's goes through its origin académie's index) reads candidates
 *   in number order through (year, number) and keeps the matching ones.
 * - A page is filled to 45 % only, so that a new version of each of its
 *   rows, a little longer for its outcome, fits beside the old one. Rows
 *   already stored keep their pages until the table is rewritten (VACUUM
 *   FULL candidates, docs/operations.md); new ones follow at once.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('candidates_first_group_outcome_idx').execute();
  await sql`alter table candidates set (fillfactor = 45)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`alter table candidates reset (fillfactor)`.execute(db);
  await db.schema
    .createIndex('candidates_first_group_outcome_idx')
    .on('candidates')
    .columns(['year', 'first_group_outcome', 'number'])
    .execute();
}
