import type { CandidateMarks, ControlMarkEntry, MarkEntry } from '@rattrapage/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { ControlMarkStatus, Database } from '../db/schema.ts';
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
 * A candidate's jury decisions (`j`, with who recorded them, `a`) as JuryJson:
 * the one shape juryRowsOf reads, whichever statement selects it.
 */
const JURY_JSON = sql<
  JuryJson[]
>`json_agg(json_build_array(j.stage, j.outcome, j.reason, j.decided_at, a.identifier))`;

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
    jury: sql<JuryJson[]>`coalesce((select ${JURY_JSON}
      from jury_decisions j join accounts a on a.id = j.decided_by_account_id
      where j.candidate_id = ${candidateId}), '[]')`,
    withheld: isWithheld(candidateId),
  };
}

/** A candidate's jury decisions as selected in JSON, as the rows collectJuryDecisions takes. */
function juryRowsOf(candidateId: string, jury: readonly JuryJson[]): JuryDecisionRow[] {
  return jury.map(([stage, outcome, reason, decidedAt, identifier]) => ({
    candidate_id: candidateId,
    stage,
    outcome,
    reason,
    decided_at: new Date(decidedAt),
    identifier,
  }));
}

/** The one conversion from those columns to each candidate's facts. */
export function firstGroupFactsOf(
  rows: readonly FirstGroupFactsJson[],
): Map<string, FirstGroupFacts> {
  const jury = collectJuryDecisions(rows.flatMap((r) => juryRowsOf(r.id, r.jury)));
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

/** The rows a deliberation page is made of: its candidates, in id order, and whether each is deliberated. */
export interface PageRow {
  readonly id: string;
  readonly specialty_code: string;
  /** False for a row the page's key passes over (another session's candidate): no facts read. */
  readonly deliberated: boolean;
}

interface FactsPageRow extends PageRow {
  /** The candidate's mark codes, and their entries in the same order; null when they have none. */
  readonly codes: string[] | null;
  readonly entries: string | null;
  readonly jury: JuryJson[] | null;
}

/**
 * A candidate's marks from a page's two columns: the codes as JSON (a code
 * may hold any character) and the entries as « STATUS[:hundredths] »
 * separated by spaces (statuses and integers, which hold none). Against one
 * JSON array a mark, the server spends about a fifth less on a page and
 * this process about half as much reading it.
 */
function marksOfPageRow(row: FactsPageRow): CandidateMarks {
  const marks = new Map<string, MarkEntry>();
  if (row.codes === null || row.entries === null) return marks;
  const entries = row.entries.split(' ');
  if (entries.length !== row.codes.length)
    throw new Error(
      `candidate ${row.id}: ${row.codes.length} mark codes, ${entries.length} entries`,
    );
  row.codes.forEach((code, i) => {
    const entry = entries[i] ?? '';
    const colon = entry.indexOf(':');
    marks.set(
      code,
      markEntryOf(
        colon === -1
          ? { status: entry as MarkColumns['status'], hundredths: null }
          : {
              status: entry.slice(0, colon) as MarkColumns['status'],
              hundredths: Number(entry.slice(colon + 1)),
            },
      ),
    );
  });
  return marks;
}

/**
 * A deliberation page with its candidates' facts, in one statement: `page`
 * selects its rows (PageRow) — at most a page of them, by key. Jury
 * decisions come by one join with the page, not a lookup a candidate: most
 * candidates have none, and 250 000 empty lookups cost the server about two
 * seconds. Marks, which every candidate has, are looked up a candidate: a
 * join of the page measured no cheaper.
 */
export async function readFactsPage(
  db: Kysely<Database>,
  page: RawBuilder<PageRow>,
): Promise<CandidateFactsPage> {
  const { rows } = await sql<FactsPageRow>`
    with page as materialized (${page}),
    jury as (
      select j.candidate_id, ${JURY_JSON} as jury
      from page p
      join jury_decisions j on j.candidate_id = p.id
      join accounts a on a.id = j.decided_by_account_id
      where p.deliberated
      group by j.candidate_id)
    select p.id, p.specialty_code, p.deliberated, mk.codes, mk.entries, jr.jury
    from page p
    left join jury jr on jr.candidate_id = p.id
    -- Both aggregates take the same rows in one pass, so the n-th entry is
    -- the n-th code's (the test reads odd codes back through this page).
    left join lateral (
      select json_agg(m.code) as codes,
             string_agg(m.status || coalesce(':' || m.hundredths, ''), ' ') as entries
      from first_group_marks m
      where m.candidate_id = p.id and p.deliberated) mk on true
    order by p.id`.execute(db);
  const deliberated = rows.filter((r) => r.deliberated);
  const jury = collectJuryDecisions(deliberated.flatMap((r) => juryRowsOf(r.id, r.jury ?? [])));
  return {
    candidates: deliberated.map((r) => ({
      id: r.id,
      specialtyCode: r.specialty_code,
      marks: marksOfPageRow(r),
      jury: jury.get(r.id) ?? NO_JURY_DECISION,
    })),
    last: rows.at(-1)?.id ?? null,
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
  for (const r of rows) result.get(r.candidate_id)?.push(controlMarkOf(r));
  return result;
}

/** A control mark's row as its record: the one conversion of both readers. */
export function controlMarkOf(r: {
  readonly test_code: string;
  readonly status: ControlMarkStatus;
  readonly hundredths: number | null;
  readonly recorded_at: Date;
}): ControlMarkRecord {
  const entry: ControlMarkEntry =
    r.status === 'MARK' ? { status: 'MARK', hundredths: r.hundredths ?? 0 } : { status: 'ABSENT' };
  return { testCode: r.test_code, entry, recordedAt: r.recorded_at };
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
