import type { CandidateMarks } from '@rattrapage/domain';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { AccountsTable, CandidatesTable, Database, SchoolsTable } from '../db/schema.ts';
import { markColumnsOf } from './mark-rows.ts';

/** Rows per INSERT: few round trips, far below the 65 535 bind parameters of a statement. */
const ROWS_PER_INSERT = 500;

function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/** Two seeds started at once (two API processes) would otherwise both see no session. */
export async function lockDemoSeed(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('rattrapage:seed-demo'))`.execute(db);
}

/** Schools already there (from an import) are kept as they are. */
export async function insertSchools(
  db: Kysely<Database>,
  schools: readonly Insertable<SchoolsTable>[],
): Promise<void> {
  if (schools.length === 0) return;
  await db
    .insertInto('schools')
    .values([...schools])
    .onConflict((oc) => oc.column('uai').doNothing())
    .execute();
}

export type CandidateWithMarks = Insertable<CandidatesTable> & {
  readonly id: string;
  readonly marks: CandidateMarks;
};

/** Candidates and their first-group marks, in multi-row inserts. */
export async function insertCandidatesWithMarks(
  db: Kysely<Database>,
  candidates: readonly CandidateWithMarks[],
): Promise<void> {
  for (const chunk of chunks(candidates, ROWS_PER_INSERT)) {
    await db
      .insertInto('candidates')
      .values(chunk.map(({ marks: _marks, ...row }) => row))
      .execute();
  }
  const marks = candidates.flatMap((c) =>
    [...c.marks].map(([code, entry]) => ({ candidate_id: c.id, code, ...markColumnsOf(entry) })),
  );
  for (const chunk of chunks(marks, ROWS_PER_INSERT))
    await db.insertInto('first_group_marks').values(chunk).execute();
}

export async function insertAccounts(
  db: Kysely<Database>,
  accounts: readonly Insertable<AccountsTable>[],
): Promise<void> {
  if (accounts.length === 0) return;
  await db
    .insertInto('accounts')
    .values([...accounts])
    .execute();
}
