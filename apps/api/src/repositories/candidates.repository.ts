import type { FirstGroupOutcome } from '@rattrapage/domain';
import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { CandidateScope } from '../access/viewer.ts';
import type { AccountsTable, Database } from '../db/schema.ts';
import { anyId } from './any-id.ts';
import { type CandidateFields, type CandidateRow, candidateFieldsOf } from './candidate-rows.ts';
import {
  type CandidateFactsPage,
  type FirstGroupFacts,
  type FirstGroupFactsJson,
  type PageRow,
  firstGroupFactsColumns,
  firstGroupFactsOf,
  readFactsPage,
} from './marks.repository.ts';
import { isWithheld } from './withheld-results.repository.ts';

export interface CandidateRecord extends Omit<CandidateFields, 'email'> {
  readonly id: string;
  readonly year: number;
}

export interface CandidateListFilter {
  readonly specialtyCode?: string | null;
  readonly originAcademyCode?: string | null;
  readonly schoolUai?: string | null;
  /** A choice that counts: the candidate is allowed to the control after the jury. */
  readonly hasChosen?: boolean | null;
  readonly firstGroupOutcome?: FirstGroupOutcome | null;
  /**
   * Filtering on an outcome is itself a disclosure: the specialties whose
   * outcomes the viewer may see now (services/visible-results.ts), null for
   * all (the pilot académie). An outcome filter matches only candidates of
   * these, and when none is left it answers without reading the database.
   */
  readonly outcomesVisibleIn?: readonly string[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = [
  'c.id',
  'c.year',
  'c.number',
  'c.last_name',
  'c.first_name',
  'c.individual',
  'c.specialty_code',
  'c.origin_academy_code',
  'c.school_uai',
] as const;

function toRecord(r: Omit<CandidateRow, 'email' | 'first_group_outcome'>): CandidateRecord {
  return { id: r.id, year: r.year, ...candidateFieldsOf(r) };
}

/** An account's own candidate, and what their first group rests on. */
export interface OwnCandidate {
  readonly record: CandidateRecord;
  readonly facts: FirstGroupFacts;
}

type OwnCandidateJson = Omit<CandidateRow, 'email' | 'first_group_outcome'> &
  Omit<FirstGroupFactsJson, 'id'>;

/**
 * An account's own candidate with their marks and jury decisions, selected
 * as one JSON column of the query that reads the account (the session
 * lookup): a candidate reading their results then needs no other statement.
 */
export function ownCandidateColumn(eb: ExpressionBuilder<Database & { a: AccountsTable }, 'a'>) {
  const facts = firstGroupFactsColumns(sql.ref('c.id'));
  return eb
    .selectFrom('candidates as c')
    .whereRef('c.id', '=', 'a.candidate_id')
    .select(
      sql<OwnCandidateJson>`json_build_object(${sql.join(
        COLUMNS.map((column) => sql`${sql.lit(column.slice(2))}::text, ${sql.ref(column)}`),
      )}, 'marks'::text, ${facts.marks}, 'jury'::text, ${facts.jury}, 'withheld'::text, ${facts.withheld})`.as(
        'own',
      ),
    )
    .as('own_candidate');
}

/** What an own-candidate column holds (ownCandidateColumn); null for another role. */
export function ownCandidateOf(json: OwnCandidateJson | null): OwnCandidate | null {
  if (json === null) return null;
  const facts = firstGroupFactsOf([json]).get(json.id);
  return facts === undefined ? null : { record: toRecord(json), facts };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the scope applies to any query over `candidates as c`
function applyScope<Q extends SelectQueryBuilder<any, any, any>>(
  query: Q,
  scope: CandidateScope,
): Q {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'origin':
      return query.where('c.origin_academy_code', '=', scope.academyCode) as Q;
    case 'school':
      return query.where('c.school_uai', '=', scope.schoolUai) as Q;
    case 'self':
      return query.where('c.id', '=', scope.candidateId) as Q;
    case 'none':
      return query.where((eb) => eb.val(false)) as Q;
  }
}

/** Candidates by id, limited to the viewer's scope: others are simply absent. */
export async function findCandidatesByIds(
  db: Kysely<Database>,
  ids: readonly string[],
  scope: CandidateScope,
): Promise<CandidateRecord[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  const query = db.selectFrom('candidates as c').select(COLUMNS).where('c.id', '=', anyId(valid));
  const rows = await applyScope(query, scope).execute();
  return rows.map(toRecord);
}

export interface CandidatePage {
  readonly rows: readonly CandidateRecord[];
  /** How many match, counted on first call. */
  readonly totalCount: () => Promise<number>;
  readonly hasNextPage: boolean;
}

const NO_CANDIDATES: CandidatePage = {
  rows: [],
  totalCount: () => Promise.resolve(0),
  hasNextPage: false,
};

/** A page of candidates ordered by number; scope and filters are applied in SQL. */
export async function listCandidates(
  db: Kysely<Database>,
  input: {
    readonly year: number;
    readonly scope: CandidateScope;
    readonly filter: CandidateListFilter;
    readonly first: number;
    readonly afterNumber: string | null;
  },
): Promise<CandidatePage> {
  const { filter } = input;
  let base = applyScope(
    db.selectFrom('candidates as c').where('c.year', '=', input.year),
    input.scope,
  );
  if (filter.specialtyCode != null)
    base = base.where('c.specialty_code', '=', filter.specialtyCode);
  if (filter.originAcademyCode != null)
    base = base.where('c.origin_academy_code', '=', filter.originAcademyCode);
  if (filter.schoolUai != null) base = base.where('c.school_uai', '=', filter.schoolUai);
  const visible = filter.outcomesVisibleIn ?? null;
  if (visible !== null && (filter.firstGroupOutcome != null || filter.hasChosen === true)) {
    const within =
      filter.specialtyCode == null ? visible : visible.filter((c) => c === filter.specialtyCode);
    // Embargoed for this viewer: decided from the clock alone, no SQL (issue 14).
    if (within.length === 0) return NO_CANDIDATES;
    base = base.where('c.specialty_code', 'in', within);
    // A held result matches no outcome for this viewer (visible-results.ts).
    base = base.where(sql<boolean>`not ${isWithheld(sql.ref('c.id'))}`);
  }
  if (filter.firstGroupOutcome != null)
    base = base.where('c.first_group_outcome', '=', filter.firstGroupOutcome);
  if (filter.hasChosen != null) {
    const hasChosen = filter.hasChosen;
    base = base.where((eb) => {
      const chosen = eb.and([
        // Not '=': a candidate with no outcome yet (null) has no choice that counts, and
        // 'not (null and …)' would drop them from hasChosen: false as well.
        eb('c.first_group_outcome', 'is not distinct from', 'CONTROL_ALLOWED'),
        eb.exists(
          eb
            .selectFrom('control_choices as ch')
            .select('ch.candidate_id')
            .whereRef('ch.candidate_id', '=', 'c.id'),
        ),
      ]);
      if (hasChosen) return chosen;
      // Where outcomes are embargoed, or a result is held, nobody has a choice that shows.
      if (visible === null) return eb.not(chosen);
      if (visible.length === 0) return eb.val(true);
      return eb.or([
        eb.not(chosen),
        eb('c.specialty_code', 'not in', visible),
        isWithheld(sql.ref('c.id')),
      ]);
    });
  }

  let page = base
    .select(COLUMNS)
    .orderBy('c.number')
    .limit(input.first + 1);
  if (input.afterNumber !== null) page = page.where('c.number', '>', input.afterNumber);
  const rows = await page.execute();
  let counted: Promise<number> | undefined;
  return {
    rows: rows.slice(0, input.first).map(toRecord),
    // Counting every match costs as much as a page of 500: only when asked.
    totalCount: () =>
      (counted ??= base
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((count) => Number(count.n))),
    hasNextPage: rows.length > input.first,
  };
}

/** Stores the outcomes the domain computed (a cache for filtering; the domain stays the judge). */
export async function storeFirstGroupOutcomes(
  db: Kysely<Database>,
  outcomes: readonly { readonly id: string; readonly outcome: FirstGroupOutcome | null }[],
): Promise<void> {
  // One statement per outcome and slice. A single UPDATE … FROM unnest(ids,
  // outcomes) per slice was measured three times slower on a whole session
  // (bench row 6: 7.6 s against 2.3 s for the same 250 000 unchanged outcomes).
  // A slice's ids as one array parameter, not one parameter an id: a tenth
  // less of the server's time.
  for (const outcome of ['ADMITTED', 'CONTROL_ALLOWED', 'FAILED', null] as const) {
    const ids = outcomes.filter((o) => o.outcome === outcome).map((o) => o.id);
    for (let i = 0; i < ids.length; i += 5000) {
      await db
        .updateTable('candidates')
        .set({ first_group_outcome: outcome })
        .where('id', '=', anyId(ids.slice(i, i + 5000)))
        // Unchanged rows are not rewritten: a re-run after a few marks moved
        // writes a few rows, not the whole session.
        .where(sql<boolean>`first_group_outcome is distinct from ${outcome}`)
        .execute();
    }
  }
}

export async function listCandidatesOfYear(
  db: Kysely<Database>,
  year: number,
): Promise<{ readonly id: string; readonly specialtyCode: string }[]> {
  const rows = await db
    .selectFrom('candidates')
    .select(['id', 'specialty_code'])
    .where('year', '=', year)
    .execute();
  return rows.map((r) => ({ id: r.id, specialtyCode: r.specialty_code }));
}

/**
 * The next `limit` candidates after `after` in id order, of every session,
 * keeping this session's, with their marks and jury decisions (one
 * statement: deliberation asks for the next page before it decides this
 * one). The year is left out of the WHERE on purpose: with it, and before
 * the table's first ANALYZE (a session just loaded), PostgreSQL estimated a
 * handful of rows for the year, read them all through the (year, number)
 * index and sorted them, at every page — a million candidates took
 * minutes. By the primary key alone, a page reads its rows; another
 * session's rows are skipped, their facts not read.
 */
export async function candidatesOfYearAfter(
  db: Kysely<Database>,
  year: number,
  after: string | null,
  limit: number,
): Promise<CandidateFactsPage> {
  return readFactsPage(
    db,
    sql<PageRow>`
      select c.id, c.specialty_code, c.year = ${year} as deliberated
      from candidates c
      where ${after === null ? sql`true` : sql`c.id > ${after}::uuid`}
      order by c.id
      limit ${limit}`,
  );
}

export async function countCandidates(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('candidates')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
