import type { FirstGroupOutcome } from '@rattrapage/domain';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { CandidateScope } from '../access/viewer.ts';
import type { Database } from '../db/schema.ts';
import { anyId } from './any-id.ts';
import { type CandidateFields, type CandidateRow, candidateFieldsOf } from './candidate-rows.ts';

export interface CandidateRecord extends Omit<CandidateFields, 'email'> {
  readonly id: string;
  readonly year: number;
}

export interface CandidateListFilter {
  readonly specialtyCode?: string | null;
  readonly originAcademyCode?: string | null;
  readonly schoolUai?: string | null;
  readonly hasChosen?: boolean | null;
  /**
   * Filtering on an outcome is itself a disclosure: it applies only to
   * candidates whose specialty's results were published at `publishedBy`
   * (null: the pilot académie, who sees through the embargo).
   */
  readonly firstGroupOutcome?: {
    readonly outcome: FirstGroupOutcome;
    readonly publishedBy: Date | null;
  } | null;
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
  if (filter.hasChosen != null) {
    const hasChosen = filter.hasChosen;
    base = base.where((eb) => {
      const chosen = eb.exists(
        eb
          .selectFrom('control_choices as ch')
          .select('ch.candidate_id')
          .whereRef('ch.candidate_id', '=', 'c.id'),
      );
      return hasChosen ? chosen : eb.not(chosen);
    });
  }
  const outcome = filter.firstGroupOutcome;
  if (outcome != null) {
    base = base.where('c.first_group_outcome', '=', outcome.outcome);
    if (outcome.publishedBy !== null) {
      const publishedBy = outcome.publishedBy;
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('specialties as s')
            .innerJoin('publication_batches as b', (j) =>
              j.onRef('b.year', '=', 's.year').onRef('b.id', '=', 's.batch_id'),
            )
            .select('s.code')
            .whereRef('s.year', '=', 'c.year')
            .whereRef('s.code', '=', 'c.specialty_code')
            .where('b.first_group_results_at', '<=', publishedBy),
        ),
      );
    }
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
  for (const outcome of ['ADMITTED', 'CONTROL_ALLOWED', 'FAILED', null] as const) {
    const ids = outcomes.filter((o) => o.outcome === outcome).map((o) => o.id);
    for (let i = 0; i < ids.length; i += 5000) {
      await db
        .updateTable('candidates')
        .set({ first_group_outcome: outcome })
        .where('id', 'in', ids.slice(i, i + 5000))
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

export async function countCandidates(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('candidates')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
