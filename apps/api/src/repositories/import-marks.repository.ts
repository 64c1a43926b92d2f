import type { MarkEntry } from '@rattrapage/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { sessionHasMarks } from './first-marks.repository.ts';
import { type CandidateFactsPage, type PageRow, readFactsPage } from './marks.repository.ts';
import { markColumnsOf } from './mark-rows.ts';
import { lockSessionOutcomes } from './outcome-lock.ts';
import { sessionMarkCodes } from './session-mark-codes.ts';
import { copyValue, insertInBatches, stagingTable } from './staging.ts';

/**
 * First-group marks go through a temporary staging table: loaded in bulk
 * (COPY on PostgreSQL, multi-row inserts on PGlite), checked against the
 * candidates and structures in SQL, then merged in one statement, which
 * notes the candidates whose marks it changed (import_marks_changed): only
 * they are deliberated again. Both tables live for the import's transaction
 * only (ON COMMIT DROP).
 */
export interface StagedMark {
  readonly line: number;
  readonly number: string;
  readonly code: string;
  readonly entry: MarkEntry;
}

const MARKS_STAGING = stagingTable('import_marks_staging', {
  line: 'integer not null',
  number: 'text not null',
  code: 'text not null',
  status: 'text not null',
  hundredths: 'integer',
});

export async function createMarksStaging(db: Kysely<Database>): Promise<void> {
  await MARKS_STAGING.create(db);
  await sql`create temporary table import_marks_changed (
    candidate_id uuid primary key
  ) on commit drop`.execute(db);
}

/** PGlite has no COPY FROM STDIN stream: multi-row inserts. */
export async function stageMarksByInsert(
  db: Kysely<Database>,
  marks: AsyncIterable<readonly StagedMark[]>,
): Promise<void> {
  await insertInBatches(db, MARKS_STAGING, marks, (m) => {
    const { status, hundredths } = markColumnsOf(m.entry);
    return sql`(${m.line}, ${m.number}, ${m.code}, ${status}, ${hundredths}::integer)`;
  });
}

/** One staged mark as a line of COPY_MARKS_STATEMENT's text (copyTextChunks). */
export function stagedMarkCopyLine(m: StagedMark): string {
  const { status, hundredths: h } = markColumnsOf(m.entry);
  return `${m.line}\t${copyValue(m.number)}\t${copyValue(m.code)}\t${status}\t${copyValue(h)}\n`;
}

/** Idempotence is keyed by candidate number and code: one line each. */
export const MARKS_STAGING_KEY = {
  table: MARKS_STAGING.table,
  key: ['number', 'code'],
  shown: 'code',
} as const;

export const COPY_MARKS_STATEMENT = MARKS_STAGING.copyStatement;

export interface StagedMarkProblem {
  readonly line: number;
  readonly column: 'number' | 'code';
  readonly value: string;
  readonly kind: 'UNKNOWN_CANDIDATE' | 'UNKNOWN_CODE';
  readonly specialtyCode: string | null;
}

/** Lines naming no candidate of the session, or a code that is neither a test nor a part of the candidate's specialty. */
export async function findStagedMarkProblems(
  db: Kysely<Database>,
  year: number,
  limit: number,
): Promise<{ problems: StagedMarkProblem[]; total: number }> {
  await sql`analyze import_marks_staging`.execute(db);
  const rows = await sql<{
    line: number;
    number: string;
    code: string;
    specialty_code: string | null;
    unknown_candidate: boolean;
    total: number | bigint;
  }>`
    -- The session's codes are a few hundred: one hashed join checks every
    -- line, rather than two index probes a line.
    with codes as (${sessionMarkCodes(year)})
    select s.line, s.number, s.code, c.specialty_code, c.id is null as unknown_candidate,
           count(*) over () as total
    from import_marks_staging s
    left join candidates c on c.year = ${year} and c.number = s.number
    left join codes k on k.specialty_code = c.specialty_code and k.code = s.code
    where c.id is null or k.code is null
    order by s.line
    limit ${limit}`.execute(db);
  const problems = rows.rows.map((r): StagedMarkProblem =>
    r.unknown_candidate
      ? {
          line: r.line,
          column: 'number',
          value: r.number,
          kind: 'UNKNOWN_CANDIDATE',
          specialtyCode: null,
        }
      : {
          line: r.line,
          column: 'code',
          value: r.code,
          kind: 'UNKNOWN_CODE',
          specialtyCode: r.specialty_code,
        },
  );
  return { problems, total: Number(rows.rows[0]?.total ?? 0) };
}

/**
 * Merges the staged marks, keyed by candidate and code; identical marks are
 * left untouched. The candidates whose marks were inserted or changed are
 * noted in import_marks_changed.
 */
export async function mergeStagedMarks(
  db: Kysely<Database>,
  year: number,
): Promise<{ inserted: number; updated: number }> {
  // Imports of a session's marks merge one after the other: a second one
  // waits here until the first commits, and then sees its marks.
  await lockSessionOutcomes(db, year, 'exclusive');
  // A session's first import (no mark yet) has nothing to conflict with: a
  // plain insert skips the conflict check of every row.
  const onConflict = !(await sessionHasMarks(db, year))
    ? sql``
    : sql`on conflict (candidate_id, code) do update
        set status = excluded.status, hundredths = excluded.hundredths
        where (first_group_marks.status, first_group_marks.hundredths)
              is distinct from (excluded.status, excluded.hundredths)`;
  const result = await sql<{ inserted: number | bigint; updated: number | bigint }>`
    with merged as (
      insert into first_group_marks (candidate_id, code, status, hundredths)
      select c.id, s.code, s.status, s.hundredths
      from import_marks_staging s
      join candidates c on c.year = ${year} and c.number = s.number
      -- In key order, the index grows at its right edge instead of at
      -- random leaves (candidate ids are random), and deliberation, which
      -- reads candidates in id order, then finds each one's marks together.
      order by c.id, s.code
      ${onConflict}
      returning candidate_id, (xmax = 0) as inserted
    ),
    noted as (
      insert into import_marks_changed (candidate_id)
      select distinct candidate_id from merged
    )
    select count(*) filter (where inserted) as inserted,
           count(*) filter (where not inserted) as updated
    from merged`.execute(db);
  const row = result.rows[0];
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
}

/** The candidates whose marks the merge changed, with their facts: a deliberation page in id order. */
export async function candidatesChangedByMergeAfter(
  db: Kysely<Database>,
  after: string | null,
  limit: number,
): Promise<CandidateFactsPage> {
  return readFactsPage(
    db,
    sql<PageRow>`
      select c.id, c.specialty_code, true as deliberated
      -- The page first, then its candidates by key: the temporary table has no
      -- statistics, and a join planned without them reads every candidate.
      from (select candidate_id from import_marks_changed
            where ${after === null ? sql`true` : sql`candidate_id > ${after}::uuid`}
            order by candidate_id
            limit ${limit}) m
      join candidates c on c.id = m.candidate_id`,
  );
}
