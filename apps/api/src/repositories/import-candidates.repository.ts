import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { CandidateFields } from './candidate-rows.ts';
import { type StagingKey, copyValue, insertInBatches, stagingTable } from './staging.ts';

/**
 * The candidates file goes the way of the marks: lines staged in bulk in a
 * temporary table (COPY on PostgreSQL, multi-row inserts on PGlite),
 * checked against specialties and schools in SQL, merged in one statement.
 * Memory holds a batch, not the file. The table lives for the import's
 * transaction only (ON COMMIT DROP).
 */
export interface StagedCandidate extends CandidateFields {
  readonly line: number;
}

const CANDIDATES_STAGING = stagingTable('import_candidates_staging', {
  line: 'integer not null',
  number: 'text not null',
  last_name: 'text not null',
  first_name: 'text not null',
  specialty_code: 'text not null',
  origin_academy_code: 'text not null',
  school_uai: 'text',
  individual: 'boolean not null',
  email: 'text',
});

export async function createCandidatesStaging(db: Kysely<Database>): Promise<void> {
  await CANDIDATES_STAGING.create(db);
}

/** One line per candidate number. */
export const CANDIDATES_STAGING_KEY: StagingKey = {
  table: CANDIDATES_STAGING.table,
  key: ['number'],
  shown: 'number',
};

export const COPY_CANDIDATES_STATEMENT = CANDIDATES_STAGING.copyStatement;

/** One staged candidate as a line of COPY_CANDIDATES_STATEMENT's text (copyTextChunks). */
export function stagedCandidateCopyLine(c: StagedCandidate): string {
  return `${c.line}\t${copyValue(c.number)}\t${copyValue(c.lastName)}\t${copyValue(c.firstName)}\t${copyValue(c.specialtyCode)}\t${copyValue(c.originAcademyCode)}\t${copyValue(c.schoolUai)}\t${copyValue(c.individual)}\t${copyValue(c.email)}\n`;
}

/** PGlite has no COPY FROM STDIN stream: multi-row inserts. */
export async function stageCandidatesByInsert(
  db: Kysely<Database>,
  candidates: AsyncIterable<readonly StagedCandidate[]>,
): Promise<void> {
  await insertInBatches(
    db,
    CANDIDATES_STAGING,
    candidates,
    (c) =>
      sql`(${c.line}, ${c.number}, ${c.lastName}, ${c.firstName}, ${c.specialtyCode}, ${c.originAcademyCode}, ${c.schoolUai}, ${c.individual}, ${c.email})`,
  );
}

export interface StagedCandidateProblem {
  readonly line: number;
  /**
   * A specialty the session does not hold; a change of specialty for a
   * candidate with first-group marks or a jury decision (given under the
   * stored one, `stored`); a school that does not exist.
   */
  readonly kind: 'unknown_specialty' | 'specialty_fixed' | 'unknown_school';
  readonly value: string;
  readonly stored: string | null;
}

/**
 * Lines naming a specialty the session does not hold, changing the
 * specialty of a candidate whose first group has marks or a jury decision
 * (those were given under the stored specialty: its tests are not the new
 * one's), or naming a school that does not exist; the first `limit` by
 * line (a line's specialty before its school), and how many.
 */
export async function findStagedCandidateProblems(
  db: Kysely<Database>,
  year: number,
  limit: number,
): Promise<{ problems: StagedCandidateProblem[]; total: number }> {
  await sql`analyze import_candidates_staging`.execute(db);
  const { rows } = await sql<{
    line: number;
    kind: StagedCandidateProblem['kind'];
    value: string;
    stored: string | null;
    total: number | bigint;
  }>`
    with problems as (
      select s.line, 'unknown_specialty' as kind, s.specialty_code as value,
             null::text as stored, 1 as rank
      from import_candidates_staging s
      where not exists (select 1 from specialties p
                        where p.year = ${year} and p.code = s.specialty_code)
      union all
      select s.line, 'specialty_fixed', s.specialty_code, c.specialty_code, 2
      from import_candidates_staging s
      join candidates c on c.year = ${year} and c.number = s.number
      where c.specialty_code <> s.specialty_code
        and exists (select 1 from specialties p
                    where p.year = ${year} and p.code = s.specialty_code)
        and (exists (select 1 from first_group_marks m where m.candidate_id = c.id)
             or exists (select 1 from jury_decisions j where j.candidate_id = c.id))
      union all
      select s.line, 'unknown_school', s.school_uai, null, 3
      from import_candidates_staging s
      where s.school_uai is not null
        and not exists (select 1 from schools k where k.uai = s.school_uai)
    )
    select line, kind, value, stored, count(*) over () as total
    from problems
    order by line, rank
    limit ${limit}`.execute(db);
  return {
    problems: rows.map((r) => ({ line: r.line, kind: r.kind, value: r.value, stored: r.stored })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/**
 * The staged numbers whose candidate in this session has no account because
 * the number is already the identifier of another candidature's account (an
 * earlier session's): the first `limit` in order, and how many.
 */
export async function numbersHeldByOtherAccounts(
  db: Kysely<Database>,
  year: number,
  limit: number,
): Promise<{ numbers: string[]; total: number }> {
  const { rows } = await sql<{ number: string; total: number | bigint }>`
    select s.number, count(*) over () as total
    from import_candidates_staging s
    join candidates c on c.year = ${year} and c.number = s.number
    join accounts a on a.identifier = s.number
    where a.candidate_id is distinct from c.id
    order by s.number
    limit ${limit}`.execute(db);
  return { numbers: rows.map((r) => r.number), total: Number(rows[0]?.total ?? 0) };
}

/**
 * Merges the staged candidates, keyed by session and number; a candidate
 * whose fields are already stored is left untouched. Counted by the
 * database: no row comes back per candidate.
 */
export async function mergeStagedCandidates(
  db: Kysely<Database>,
  year: number,
): Promise<{ inserted: number; updated: number }> {
  const result = await sql<{ inserted: number | bigint; updated: number | bigint }>`
    with merged as (
      insert into candidates (year, number, last_name, first_name, individual,
                              specialty_code, origin_academy_code, school_uai, email)
      select ${year}, number, last_name, first_name, individual,
             specialty_code, origin_academy_code, school_uai, email
      from import_candidates_staging
      -- In the unique index's order: it grows at its right edge.
      order by number
      on conflict (year, number) do update
      set last_name = excluded.last_name, first_name = excluded.first_name,
          individual = excluded.individual, specialty_code = excluded.specialty_code,
          origin_academy_code = excluded.origin_academy_code,
          school_uai = excluded.school_uai, email = excluded.email
      where (candidates.last_name, candidates.first_name, candidates.individual,
             candidates.specialty_code, candidates.origin_academy_code,
             candidates.school_uai, candidates.email)
            is distinct from
            (excluded.last_name, excluded.first_name, excluded.individual,
             excluded.specialty_code, excluded.origin_academy_code,
             excluded.school_uai, excluded.email)
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted) as inserted,
           count(*) filter (where not inserted) as updated
    from merged`.execute(db);
  const row = result.rows[0];
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
}
