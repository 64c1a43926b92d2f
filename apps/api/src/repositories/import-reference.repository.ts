import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Lookups that tell whether an imported line names something that exists. */

const CHUNK = 5000;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

export async function examSessionExists(db: Kysely<Database>, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('exam_sessions')
    .select('year')
    .where('year', '=', year)
    .executeTakeFirst();
  return row !== undefined;
}

export async function specialtyCodesOfYear(
  db: Kysely<Database>,
  year: number,
): Promise<Set<string>> {
  const rows = await db.selectFrom('specialties').select('code').where('year', '=', year).execute();
  return new Set(rows.map((r) => r.code));
}

/** Which of `values` a text column holds: a lookup CHUNK values at a time. */
async function presentIn(
  db: Kysely<Database>,
  where: 'schools.uai' | 'accounts.identifier',
  values: readonly string[],
): Promise<Set<string>> {
  const [table = '', column = ''] = where.split('.');
  const found = new Set<string>();
  for (const part of chunks(values)) {
    const rows = await sql<{ value: string }>`
      select ${sql.ref(column)} as value from ${sql.table(table)}
      where ${sql.ref(column)} in (${sql.join(part)})`.execute(db);
    for (const r of rows.rows) found.add(r.value);
  }
  return found;
}

/** Schools that exist, of those named. */
export function existingSchoolUais(
  db: Kysely<Database>,
  uais: readonly string[],
): Promise<Set<string>> {
  return presentIn(db, 'schools.uai', uais);
}

/** Identifiers already taken by an account (a candidate's is their number). */
export function takenIdentifiers(
  db: Kysely<Database>,
  identifiers: readonly string[],
): Promise<Set<string>> {
  return presentIn(db, 'accounts.identifier', identifiers);
}

export interface CandidateKey {
  readonly id: string;
  /** The two tests of the candidate's control choice, when made. */
  readonly chosenTests: readonly string[];
}

/** Candidates of a session by number, with their control choice. */
export async function candidatesByNumber(
  db: Kysely<Database>,
  year: number,
  numbers: readonly string[],
): Promise<Map<string, CandidateKey>> {
  const found = new Map<string, CandidateKey>();
  for (const part of chunks([...new Set(numbers)])) {
    const rows = await db
      .selectFrom('candidates as c')
      .leftJoin('control_choices as ch', 'ch.candidate_id', 'c.id')
      .select(['c.id', 'c.number', 'ch.test_code_1', 'ch.test_code_2'])
      .where('c.year', '=', year)
      .where('c.number', 'in', part)
      .execute();
    for (const r of rows)
      found.set(r.number, {
        id: r.id,
        chosenTests:
          r.test_code_1 === null || r.test_code_2 === null ? [] : [r.test_code_1, r.test_code_2],
      });
  }
  return found;
}
