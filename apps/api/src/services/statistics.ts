import { type PassRate, markHistogram, passRate } from '@rattrapage/domain';
import type { RequestContext } from '../context.ts';
import {
  type ChoiceCountRow,
  type MarkCountRow,
  type OutcomeCountRow,
  type StatisticsFilter,
  countChoices,
  countControlMarks,
  countFirstGroupMarks,
  countOutcomes,
} from '../repositories/statistics.repository.ts';
import { candidatesInScope, mayActForAcademy } from './exports.ts';
import { candidateBasis, visibleFinal } from './candidate-results.ts';
import { specialtiesVisible } from './visible-results.ts';

export interface MarkDistribution {
  readonly specialtyCode: string;
  /** A test code, or a part code for a test with parts (as marks are stored). */
  readonly code: string;
  readonly stage: 'FIRST_GROUP' | 'CONTROL';
  /** Index k: marks from k to k + 1 points (20: exactly 20). */
  readonly buckets: readonly number[];
  readonly count: number;
}

export interface ControlPassRate extends PassRate {
  /** null: every specialty together. */
  readonly specialtyCode: string | null;
}

export interface SessionStatistics {
  readonly year: number;
  readonly academyCode: string | null;
  readonly outcomes: readonly OutcomeCountRow[];
  readonly choices: readonly ChoiceCountRow[];
  readonly controlPassRates: readonly ControlPassRate[];
  readonly markDistributions: readonly MarkDistribution[];
}

export type StatisticsOutcome =
  { readonly kind: 'ok'; readonly statistics: SessionStatistics } | { readonly kind: 'forbidden' };

function distributions(rows: readonly MarkCountRow[], stage: MarkDistribution['stage']) {
  const groups = new Map<string, MarkCountRow[]>();
  for (const r of rows) {
    const key = `${r.specialtyCode}\u0000${r.code}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].flatMap((group): MarkDistribution[] => {
    const first = group[0];
    if (first === undefined) return [];
    const buckets = markHistogram(group);
    return [
      {
        specialtyCode: first.specialtyCode,
        code: first.code,
        stage,
        buckets,
        count: buckets.reduce((s, n) => s + n, 0),
      },
    ];
  });
}

/**
 * Statistics of a session: ACADEMY for its own candidates of origin, PILOT
 * for any académie or all (academyCode null). Outcomes and marks still
 * under embargo are not counted except for the pilot (they show as
 * UNDISCLOSED): a count is a disclosure too. A held result shows as
 * WITHHELD, its marks and choice not counted, whoever asks.
 */
export async function sessionStatistics(
  ctx: RequestContext,
  year: number,
  academyCode: string | null,
): Promise<StatisticsOutcome> {
  const viewer = ctx.viewer;
  if (viewer === null) return { kind: 'forbidden' };
  if (academyCode === null ? viewer.role !== 'PILOT' : !mayActForAcademy(viewer, academyCode))
    return { kind: 'forbidden' };
  const reference = await ctx.loaders.reference.load(year);
  const visible = (what: 'firstGroupResults' | 'finalResults') =>
    reference === null ? [] : specialtiesVisible(viewer, reference.calendar, ctx.now, what);
  const filter: StatisticsFilter = {
    year,
    academyCode,
    firstGroupVisible: visible('firstGroupResults'),
    finalVisible: visible('finalResults'),
  };
  const [outcomes, choices, firstMarks, controlMarks] = await Promise.all([
    countOutcomes(ctx.db, filter),
    countChoices(ctx.db, filter),
    countFirstGroupMarks(ctx.db, filter),
    countControlMarks(ctx.db, filter),
  ]);

  // The final outcome after the control is a rule (best-of, jury): the domain decides it per candidate.
  const chose = await candidatesInScope(ctx, year, {
    hasChosen: true,
    originAcademyCode: academyCode,
  });
  const tally = new Map<string | null, { passed: number; presented: number }>();
  const decided = await Promise.all(
    chose.map(async (candidate) => {
      const basis = await candidateBasis(ctx, candidate);
      // A held result is not counted, the pilot's statistics included (statistics.repository.ts).
      if (basis.withheld) return null;
      const final = await visibleFinal(ctx, basis);
      // Presented: allowed to the control (after the jury), with a choice and a final outcome.
      if (final === null || final.firstGroup.outcome !== 'CONTROL_ALLOWED') return null;
      return { candidate, admitted: final.outcome === 'ADMITTED' };
    }),
  );
  for (const d of decided) {
    if (d === null) continue;
    const { candidate, admitted } = d;
    for (const key of [candidate.specialtyCode, null]) {
      const t = tally.get(key) ?? { passed: 0, presented: 0 };
      tally.set(key, { passed: t.passed + (admitted ? 1 : 0), presented: t.presented + 1 });
    }
  }
  const specialties = [...new Set(chose.map((c) => c.specialtyCode))].sort();
  const controlPassRates = [...specialties, null].map((specialtyCode) => {
    const t = tally.get(specialtyCode) ?? { passed: 0, presented: 0 };
    return { specialtyCode, ...passRate(t.passed, t.presented) };
  });

  return {
    kind: 'ok',
    statistics: {
      year,
      academyCode,
      outcomes,
      choices,
      controlPassRates,
      markDistributions: [
        ...distributions(firstMarks, 'FIRST_GROUP'),
        ...distributions(controlMarks, 'CONTROL'),
      ],
    },
  };
}
