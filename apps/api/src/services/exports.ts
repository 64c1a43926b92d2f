import {
  CHANNEL_LABELS,
  type Channel,
  type ExamTest,
  type FinalOutcome,
  type FirstGroupOutcome,
  formatParisDate,
  formatParisTime,
  instantToParisWallTime,
} from '@rattrapage/domain';
import { type Viewer, candidateScopeOf } from '../access/viewer.ts';
import type { RequestContext } from '../context.ts';
import {
  type CandidateListFilter,
  type CandidateRecord,
  listCandidates,
} from '../repositories/candidates.repository.ts';
import type { ConvocationRecord } from '../repositories/convocations.repository.ts';
import { averageLabel, outcomeLabel } from '../documents/labels.ts';
import {
  candidateBasis,
  outcomesVisibleIn,
  visibleFinal,
  visibleFor,
} from './candidate-results.ts';

/**
 * Exports for programs and spreadsheets. Every row goes through the read
 * path of the API (scope in SQL, embargo and jury decisions in
 * candidate-results.ts), so an export never shows more than GraphQL would.
 */

/** ACADEMY for its own académie, PILOT for any: who may ask for an académie's documents. */
export function mayActForAcademy(viewer: Viewer | null, academyCode: string): boolean {
  if (viewer === null) return false;
  if (viewer.role === 'PILOT') return true;
  return viewer.role === 'ACADEMY' && viewer.academyCode === academyCode;
}

const PAGE = 1000;

/** Every candidate the viewer may see that matches, in number order (paged through the repository). */
export async function candidatesInScope(
  ctx: RequestContext,
  year: number,
  filter: CandidateListFilter,
): Promise<CandidateRecord[]> {
  const all: CandidateRecord[] = [];
  let after: string | null = null;
  const visible = { ...filter, outcomesVisibleIn: await outcomesVisibleIn(ctx, year, filter) };
  for (;;) {
    const page = await listCandidates(ctx.db, {
      year,
      scope: candidateScopeOf(ctx.viewer),
      filter: visible,
      first: PAGE,
      afterNumber: after,
    });
    for (const row of page.rows) ctx.loaders.candidates.prime(row.id, row);
    all.push(...page.rows);
    if (!page.hasNextPage) return all;
    after = page.rows.at(-1)?.number ?? null;
  }
}

export interface ChoiceRow {
  readonly number: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly specialtyCode: string;
  readonly individual: boolean;
  readonly tests: readonly ExamTest[];
  readonly channel: Channel | null;
  readonly enteredAt: Date | null;
  readonly enteredBy: string | null;
}

/** A school's candidates and their choices (none yet: empty tests). */
export async function choiceRows(ctx: RequestContext, year: number): Promise<ChoiceRow[]> {
  const candidates = await candidatesInScope(ctx, year, {});
  return Promise.all(
    candidates.map(async (c) => {
      const [basis, choice] = await Promise.all([
        candidateBasis(ctx, c),
        ctx.loaders.choices.load(c.id),
      ]);
      // A choice says the candidate was allowed to the control: not shown while the result is held.
      const shown = visibleFor(ctx, basis).firstGroupResults ? choice : null;
      const tests = (shown?.testCodes ?? []).flatMap((code) =>
        basis.specialty.structure.tests.filter((t) => t.code === code),
      );
      return {
        number: c.number,
        lastName: c.lastName,
        firstName: c.firstName,
        specialtyCode: c.specialtyCode,
        individual: c.individual,
        tests,
        channel: shown?.channel ?? null,
        enteredAt: shown?.enteredAt ?? null,
        enteredBy: shown?.enteredByIdentifier ?? null,
      };
    }),
  );
}

export interface ConvocationRow {
  readonly candidate: CandidateRecord;
  readonly test: ExamTest;
  readonly preparationStartsAt: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly place: string;
}

/** One issued oral of a candidate, with its test. */
export interface AcademyOral {
  readonly candidate: CandidateRecord;
  readonly test: ExamTest;
  readonly record: ConvocationRecord;
}

/**
 * The orals of an académie's candidates of origin, candidates in number
 * order, as the convocations show them (scope, embargo, a result held
 * back): the one read behind the convocation plan and the oral days' paper.
 */
export async function academyOralsOf(
  ctx: RequestContext,
  year: number,
  academyCode: string,
): Promise<AcademyOral[]> {
  const candidates = await candidatesInScope(ctx, year, {
    originAcademyCode: academyCode,
    hasChosen: true,
  });
  const perCandidate = await Promise.all(
    candidates.map(async (candidate) => {
      const [basis, records] = await Promise.all([
        candidateBasis(ctx, candidate),
        ctx.loaders.convocations.load(candidate.id),
      ]);
      if (!visibleFor(ctx, basis).convocations) return [];
      return records.flatMap((record) => {
        const test = basis.specialty.structure.tests.find((t) => t.code === record.testCode);
        return test === undefined ? [] : [{ candidate, test, record }];
      });
    }),
  );
  return perCandidate.flat();
}

/** An académie's convocation plan: one row per oral, candidates in number order. */
export async function convocationRows(
  ctx: RequestContext,
  year: number,
  academyCode: string,
): Promise<ConvocationRow[]> {
  return (await academyOralsOf(ctx, year, academyCode)).map(({ candidate, test, record }) => ({
    candidate,
    test,
    preparationStartsAt: record.preparationStartsAt,
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    place: record.place,
  }));
}

export interface FinalResultRow {
  readonly candidate: CandidateRecord;
  readonly firstGroupOutcome: FirstGroupOutcome;
  readonly firstGroupAverage: string;
  readonly finalOutcome: FinalOutcome;
  readonly computedFinalOutcome: FinalOutcome | null;
  readonly juryReason: string | null;
}

/** Final results of an académie's candidates; embargoed rows are left out, never blanked. */
export async function finalResultRows(
  ctx: RequestContext,
  year: number,
  academyCode: string,
): Promise<FinalResultRow[]> {
  const candidates = await candidatesInScope(ctx, year, { originAcademyCode: academyCode });
  const rows = await Promise.all(
    candidates.map(async (candidate) => {
      const final = await visibleFinal(ctx, await candidateBasis(ctx, candidate));
      if (final === null) return null;
      return {
        candidate,
        firstGroupOutcome: final.firstGroup.outcome,
        firstGroupAverage: averageLabel(final.firstGroup.overallAverage),
        finalOutcome: final.outcome,
        computedFinalOutcome: final.computedOutcome,
        juryReason: final.juryDecision?.reason ?? final.firstGroup.juryDecision?.reason ?? null,
      };
    }),
  );
  return rows.filter((r): r is FinalResultRow => r !== null);
}

/** CSV tables of the same rows, with French headers and Paris times. */
export const CSV = {
  choices(rows: readonly ChoiceRow[]) {
    return {
      header: [
        'Numéro',
        'Nom',
        'Prénom',
        'Spécialité',
        'Candidat individuel',
        'Épreuve 1',
        'Épreuve 2',
        'Canal',
        'Saisi le (heure de Paris)',
        'Saisi par',
      ],
      rows: rows.map((r) => [
        r.number,
        r.lastName,
        r.firstName,
        r.specialtyCode,
        r.individual ? 'oui' : 'non',
        r.tests[0] === undefined ? '' : `${r.tests[0].code} ${r.tests[0].name}`,
        r.tests[1] === undefined ? '' : `${r.tests[1].code} ${r.tests[1].name}`,
        r.channel === null ? '' : CHANNEL_LABELS[r.channel],
        r.enteredAt === null ? '' : instantToParisWallTime(r.enteredAt),
        r.enteredBy ?? '',
      ]),
    };
  },
  convocations(rows: readonly ConvocationRow[]) {
    return {
      header: [
        'Numéro',
        'Nom',
        'Prénom',
        'Spécialité',
        'Épreuve',
        'Date',
        'Préparation',
        'Début oral',
        'Fin oral',
        'Lieu',
      ],
      rows: rows.map((r) => [
        r.candidate.number,
        r.candidate.lastName,
        r.candidate.firstName,
        r.candidate.specialtyCode,
        `${r.test.code} ${r.test.name}`,
        formatParisDate(r.startsAt),
        formatParisTime(r.preparationStartsAt),
        formatParisTime(r.startsAt),
        formatParisTime(r.endsAt),
        r.place,
      ]),
    };
  },
  finalResults(rows: readonly FinalResultRow[]) {
    return {
      header: [
        'Numéro',
        'Nom',
        'Prénom',
        'Spécialité',
        'Académie d’origine',
        'Premier groupe',
        'Moyenne premier groupe',
        'Résultat final',
        'Décision du jury',
      ],
      rows: rows.map((r) => [
        r.candidate.number,
        r.candidate.lastName,
        r.candidate.firstName,
        r.candidate.specialtyCode,
        r.candidate.originAcademyCode,
        outcomeLabel(r.firstGroupOutcome),
        r.firstGroupAverage,
        outcomeLabel(r.finalOutcome),
        r.juryReason ?? '',
      ]),
    };
  },
};
