import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isWithheld } from './withheld-results.repository.ts';

/**
 * Counting in SQL (group by), so that a session of 180 000 candidates is
 * never loaded to be counted. Rules (buckets, rates) stay in the domain.
 *
 * `firstGroupVisible` / `finalVisible`: the specialties whose first-group
 * (final) results the viewer may see (services/visible-results.ts); null:
 * all, for the pilot académie. Outcomes and marks of the others are not
 * counted, and an empty list reads nothing at all.
 * `academyCode`: candidates of that académie of origin only; null for all.
 */
export interface StatisticsFilter {
  readonly year: number;
  readonly academyCode: string | null;
  readonly firstGroupVisible: readonly string[] | null;
  readonly finalVisible: readonly string[] | null;
}

export type CountedOutcome =
  'ADMITTED' | 'CONTROL_ALLOWED' | 'FAILED' | 'PENDING' | 'UNDISCLOSED' | 'WITHHELD';

export interface OutcomeCountRow {
  readonly specialtyCode: string;
  readonly originAcademyCode: string;
  readonly outcome: CountedOutcome;
  readonly count: number;
}

export interface ChoiceCountRow {
  readonly specialtyCode: string;
  readonly originAcademyCode: string;
  readonly count: number;
}

export interface MarkCountRow {
  readonly specialtyCode: string;
  readonly code: string;
  readonly hundredths: number;
  readonly count: number;
}

function academyCondition(filter: StatisticsFilter): RawBuilder<unknown> {
  return filter.academyCode === null
    ? sql`true`
    : sql`c.origin_academy_code = ${filter.academyCode}`;
}

/**
 * A choice, and the orals after it, count only while the candidate is
 * allowed to the control after the jury (the stored outcome): a jury that
 * later admits or fails the candidate leaves the choice without effect.
 */
const ALLOWED_TO_CONTROL = sql`c.first_group_outcome = 'CONTROL_ALLOWED'`;

/**
 * A held result counts as WITHHELD where its outcome would show, and
 * nothing else of it is counted (marks, choice), for every viewer, the
 * pilot too: figures passed on never carry what is held.
 */
const NOT_WITHHELD = sql`not ${isWithheld(sql.ref('c.id'))}`;

function visible(specialties: readonly string[] | null): RawBuilder<unknown> {
  return specialties === null ? sql`true` : sql`c.specialty_code = any(${[...specialties]})`;
}

export async function countOutcomes(
  db: Kysely<Database>,
  filter: StatisticsFilter,
): Promise<OutcomeCountRow[]> {
  const { rows } = await sql<{
    specialty_code: string;
    origin_academy_code: string;
    outcome: CountedOutcome;
    n: string | number;
  }>`
    select c.specialty_code, c.origin_academy_code,
      case when not ${visible(filter.firstGroupVisible)} then 'UNDISCLOSED'
        when ${isWithheld(sql.ref('c.id'))} then 'WITHHELD'
        else coalesce(c.first_group_outcome, 'PENDING') end as outcome,
      count(*) as n
    from candidates c
    where c.year = ${filter.year} and ${academyCondition(filter)}
    group by 1, 2, 3
    order by 1, 2, 3`.execute(db);
  return rows.map((r) => ({
    specialtyCode: r.specialty_code,
    originAcademyCode: r.origin_academy_code,
    outcome: r.outcome,
    count: Number(r.n),
  }));
}

export async function countChoices(
  db: Kysely<Database>,
  filter: StatisticsFilter,
): Promise<ChoiceCountRow[]> {
  if (filter.firstGroupVisible?.length === 0) return [];
  const { rows } = await sql<{
    specialty_code: string;
    origin_academy_code: string;
    n: string | number;
  }>`
    select c.specialty_code, c.origin_academy_code, count(*) as n
    from candidates c join control_choices ch on ch.candidate_id = c.id
    where c.year = ${filter.year} and ${academyCondition(filter)}
      and ${ALLOWED_TO_CONTROL} and ${visible(filter.firstGroupVisible)} and ${NOT_WITHHELD}
    group by 1, 2
    order by 1, 2`.execute(db);
  return rows.map((r) => ({
    specialtyCode: r.specialty_code,
    originAcademyCode: r.origin_academy_code,
    count: Number(r.n),
  }));
}

/** First-group marks (and kept marks) by specialty, test or part code, and exact mark. */
export async function countFirstGroupMarks(
  db: Kysely<Database>,
  filter: StatisticsFilter,
): Promise<MarkCountRow[]> {
  if (filter.firstGroupVisible?.length === 0) return [];
  const { rows } = await sql<{
    specialty_code: string;
    code: string;
    hundredths: number;
    n: string | number;
  }>`
    select c.specialty_code, m.code, m.hundredths, count(*) as n
    from first_group_marks m join candidates c on c.id = m.candidate_id
    where c.year = ${filter.year} and ${academyCondition(filter)}
      and m.status in ('MARK', 'KEPT') and m.hundredths is not null
      and ${visible(filter.firstGroupVisible)} and ${NOT_WITHHELD}
    group by 1, 2, 3
    order by 1, 2, 3`.execute(db);
  return rows.map((r) => ({
    specialtyCode: r.specialty_code,
    code: r.code,
    hundredths: r.hundredths,
    count: Number(r.n),
  }));
}

/** Control marks by specialty, test and exact mark; published with the second-group results. */
export async function countControlMarks(
  db: Kysely<Database>,
  filter: StatisticsFilter,
): Promise<MarkCountRow[]> {
  if (filter.finalVisible?.length === 0) return [];
  const { rows } = await sql<{
    specialty_code: string;
    code: string;
    hundredths: number;
    n: string | number;
  }>`
    select c.specialty_code, m.test_code as code, m.hundredths, count(*) as n
    from control_marks m join candidates c on c.id = m.candidate_id
    where c.year = ${filter.year} and ${academyCondition(filter)}
      and m.status = 'MARK' and ${ALLOWED_TO_CONTROL}
      and ${visible(filter.finalVisible)} and ${NOT_WITHHELD}
    group by 1, 2, 3
    order by 1, 2, 3`.execute(db);
  return rows.map((r) => ({
    specialtyCode: r.specialty_code,
    code: r.code,
    hundredths: r.hundredths,
    count: Number(r.n),
  }));
}
