import type { MarkEntry } from '@rattrapage/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { markColumnsOf } from './mark-rows.ts';
import { sessionMarkCodes } from './session-mark-codes.ts';
import { batchesOf, copyValue, insertInBatches } from './staging.ts';

/**
 * A session's first marks, written straight into first_group_marks: the
 * import resolves each line's candidate and code against the session as it
 * reads the line (the session's candidates and codes, read below), so no
 * staging table, no join and no sort stand between the file and the table.
 */

/** Whether any candidate of the session has a first-group mark stored. */
export async function sessionHasMarks(db: Kysely<Database>, year: number): Promise<boolean> {
  const found = await sql<{ found: boolean }>`
    select exists (select 1 from candidates c
                   where c.year = ${year}
                     and exists (select 1 from first_group_marks m where m.candidate_id = c.id))
      as found`.execute(db);
  return found.rows[0]?.found === true;
}

export interface SessionCandidate {
  readonly id: string;
  readonly number: string;
  readonly specialtyCode: string;
}

/** How many candidates the session holds: what their lookup is sized for. */
export async function sessionCandidateCount(db: Kysely<Database>, year: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*)::text as n from candidates where year = ${year}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** A page of the session's candidates in number order, after `after`. */
export async function sessionCandidatesAfter(
  db: Kysely<Database>,
  year: number,
  after: string | null,
  limit: number,
): Promise<SessionCandidate[]> {
  const { rows } = await sql<{ id: string; number: string; specialty_code: string }>`
    select id, number, specialty_code from candidates
    where year = ${year} and ${after === null ? sql`true` : sql`number > ${after}`}
    order by number
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: r.id, number: r.number, specialtyCode: r.specialty_code }));
}

/** The codes a mark of the session may carry, by specialty (sessionMarkCodes, read whole). */
export async function sessionMarkCodesBySpecialty(
  db: Kysely<Database>,
  year: number,
): Promise<Map<string, ReadonlySet<string>>> {
  const { rows } = await sql<{ specialty_code: string; code: string }>`
    select specialty_code, code from (${sessionMarkCodes(year)}) k`.execute(db);
  const bySpecialty = new Map<string, Set<string>>();
  for (const r of rows) {
    const codes = bySpecialty.get(r.specialty_code) ?? new Set<string>();
    codes.add(r.code);
    bySpecialty.set(r.specialty_code, codes);
  }
  return bySpecialty;
}

/** One mark with its candidate resolved. */
export interface ResolvedMark {
  readonly candidateId: string;
  readonly code: string;
  readonly entry: MarkEntry;
}

const FIRST_MARKS = {
  table: 'first_group_marks',
  columns: ['candidate_id', 'code', 'status', 'hundredths'],
} as const;

export const COPY_FIRST_MARKS_STATEMENT = `COPY ${FIRST_MARKS.table} (${FIRST_MARKS.columns.join(', ')}) FROM STDIN`;

/** One resolved mark as a line of COPY_FIRST_MARKS_STATEMENT's text (copyTextChunks). */
export function firstMarkCopyLine(m: ResolvedMark): string {
  const { status, hundredths } = markColumnsOf(m.entry);
  return `${m.candidateId}\t${copyValue(m.code)}\t${status}\t${copyValue(hundredths)}\n`;
}

/** PGlite has no COPY FROM STDIN stream: multi-row inserts. */
export async function insertFirstMarks(
  db: Kysely<Database>,
  marks: AsyncIterable<readonly ResolvedMark[]>,
): Promise<void> {
  await insertInBatches(db, FIRST_MARKS, marks, (m) => {
    const { status, hundredths } = markColumnsOf(m.entry);
    return sql`(${m.candidateId}::uuid, ${m.code}, ${status}, ${hundredths}::integer)`;
  });
}

/** Notes candidates as changed by the import (import_marks_changed): deliberation reads them from there. */
export async function noteCandidatesChanged(
  db: Kysely<Database>,
  ids: Iterable<string>,
): Promise<void> {
  for await (const batch of batchesOf(ids, 10_000))
    await sql`insert into import_marks_changed (candidate_id)
      select unnest(${batch}::uuid[])`.execute(db);
}
