import type { CandidateMarks, ControlMarkEntry, MarkEntry } from '@rattrapage/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { anyId } from './any-id.ts';
import {
  type CandidateJuryDecisions,
  type JuryDecisionRow,
  NO_JURY_DECISION,
  collectJuryDecisions,
} from './jury.repository.ts';
import { type MarkColumns, markEntryOf } from './mark-rows.ts';
import { isWithheld } from './withheld-results.repository.ts';

/** First-group marks of many candidates in one query (DataLoader batch). */
export async function loadFirstGroupMarks(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, CandidateMarks>> {
  const result = new Map<string, Map<string, MarkEntry>>(candidateIds.map((id) => [id, new Map()]));
  if (candidateIds.length === 0) return result;
  const rows = await db
    .selectFrom('first_group_marks')
    .select(['candidate_id', 'code', 'status', 'hundredths'])
    .where('candidate_id', '=', anyId(candidateIds))
    .execute();
  for (const r of rows) result.get(r.candidate_id)?.set(r.code, markEntryOf(r));
  return result;
}

/**
 * What the first group of a candidate rests on: their marks and the jury's
 * decisions; and whether the pilot académie holds their result back.
 */
export interface FirstGroupFacts {
  readonly marks: CandidateMarks;
  readonly jury: CandidateJuryDecisions;
  readonly withheld: boolean;
}

type MarkJson = [string, MarkColumns['status'], number | null];
type JuryJson = [JuryDecisionRow['stage'], JuryDecisionRow['outcome'], string, string, string];

/** A candidate's first-group facts as two JSON arrays: how the statements below select them. */
export interface FirstGroupFactsJson {
  readonly id: string;
  readonly marks: MarkJson[];
  readonly jury: JuryJson[];
  readonly withheld: boolean;
}

/**
 * The two JSON columns of the candidate whose id `candidateId` names (a
 * column of the enclosing query): their marks and their jury decisions.
 */
export function firstGroupFactsColumns(candidateId: RawBuilder<unknown>) {
  return {
    marks: sql<
      MarkJson[]
    >`coalesce((select json_agg(json_build_array(m.code, m.status, m.hundredths))
      from first_group_marks m where m.candidate_id = ${candidateId}), '[]')`,
    jury: sql<
      JuryJson[]
    >`coalesce((select json_agg(json_build_array(j.stage, j.outcome, j.reason, j.decided_at, a.identifier))
      from jury_decisions j join accounts a on a.id = j.decided_by_account_id
      where j.candidate_id = ${candidateId}), '[]')`,
    withheld: isWithheld(candidateId),
  };
}

/** The one conversion from those columns to each candidate's facts. */
export function firstGroupFactsOf(
  rows: readonly FirstGroupFactsJson[],
): Map<string, FirstGroupFacts> {
  const juryRows = rows.flatMap((r) =>
    r.jury.map(([stage, outcome, reason, decidedAt, identifier]) => ({
      candidate_id: r.id,
      stage,
      outcome,
      reason,
      decided_at: new Date(decidedAt),
      identifier,
    })),
  );
  const jury = collectJuryDecisions(juryRows);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        marks: new Map(
          r.marks.map(([code, status, hundredths]) => [code, markEntryOf({ status, hundredths })]),
        ),
        jury: jury.get(r.id) ?? NO_JURY_DECISION,
        withheld: r.withheld,
      },
    ]),
  );
}

/** A page of candidates to deliberate, with what their first group rests on; `last` is the page's key, null past the end. */
export interface CandidateFactsPage {
  readonly candidates: readonly {
    readonly id: string;
    readonly specialtyCode: string;
    readonly marks: CandidateMarks;
    readonly jury: CandidateJuryDecisions;
  }[];
  readonly last: string | null;
}

/** The marks and jury columns of a deliberation page's rows (withheld is not asked: false). */
export function factsPageOf(
  rows: readonly (Omit<FirstGroupFactsJson, 'withheld'> & { readonly specialty_code: string })[],
  last: string | null,
): CandidateFactsPage {
  const facts = firstGroupFactsOf(rows.map((r) => ({ ...r, withheld: false })));
  return {
    candidates: rows.map((r) => {
      const f = facts.get(r.id);
      return {
        id: r.id,
        specialtyCode: r.specialty_code,
        marks: f?.marks ?? new Map(),
        jury: f?.jury ?? NO_JURY_DECISION,
      };
    }),
    last,
  };
}

/**
 * Marks and jury decisions of many candidates in one statement (one row per
 * candidate, each kind as a JSON array): a candidate's results need both,
 * and each statement is a round trip that costs more than the rows it brings.
 */
export async function loadFirstGroupFacts(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, FirstGroupFacts>> {
  if (candidateIds.length === 0) return new Map();
  const facts = firstGroupFactsColumns(sql.ref('c.id'));
  // The ids themselves, not the candidates' rows: the facts need nothing
  // else, and finding each id in the candidates' key cost three blocks an id
  // (1 500 of a page of 500's 3 500 at a million candidates). An id with no
  // candidate gets no marks, as it would by being absent.
  const { rows } = await sql<FirstGroupFactsJson>`
    select c.id, ${facts.marks} as marks, ${facts.jury} as jury, ${facts.withheld} as withheld
    from unnest(${[...new Set(candidateIds)]}::uuid[]) as c(id)`.execute(db);
  return firstGroupFactsOf(rows);
}

export interface ControlMarkRecord {
  readonly testCode: string;
  readonly entry: ControlMarkEntry;
  readonly recordedAt: Date;
}

export async function loadControlMarks(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, ControlMarkRecord[]>> {
  const result = new Map<string, ControlMarkRecord[]>(candidateIds.map((id) => [id, []]));
  if (candidateIds.length === 0) return result;
  const rows = await db
    .selectFrom('control_marks')
    .select(['candidate_id', 'test_code', 'status', 'hundredths', 'recorded_at'])
    .where('candidate_id', '=', anyId(candidateIds))
    .orderBy('test_code')
    .execute();
  for (const r of rows) {
    const entry: ControlMarkEntry =
      r.status === 'MARK'
        ? { status: 'MARK', hundredths: r.hundredths ?? 0 }
        : { status: 'ABSENT' };
    result.get(r.candidate_id)?.push({ testCode: r.test_code, entry, recordedAt: r.recorded_at });
  }
  return result;
}

export async function upsertControlMark(
  db: Kysely<Database>,
  mark: {
    readonly candidateId: string;
    readonly testCode: string;
    readonly entry: ControlMarkEntry;
    readonly recordedAt: Date;
    readonly recordedByAccountId: string;
  },
): Promise<void> {
  const values = {
    status: mark.entry.status,
    hundredths: mark.entry.status === 'MARK' ? mark.entry.hundredths : null,
    recorded_at: mark.recordedAt,
    recorded_by_account_id: mark.recordedByAccountId,
  };
  await db
    .insertInto('control_marks')
    .values({ candidate_id: mark.candidateId, test_code: mark.testCode, ...values })
    .onConflict((oc) => oc.columns(['candidate_id', 'test_code']).doUpdateSet(values))
    .execute();
}
