import { computeAverages } from '../marks/averages.ts';
import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';
import {
  type Fraction,
  ZERO,
  compare,
  divide,
  fromHundredths,
  max,
  multiply,
  roundUpToHundredths,
  subtract,
} from '../marks/fraction.ts';
import { decideFirstGroup } from '../marks/first-group-outcome.ts';
import { type CandidateMarks, MAX_MARK_HUNDREDTHS } from '../marks/mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import { resolveTestResult } from '../marks/test-result.ts';
import { eligibleControlTests } from './eligible-control-tests.ts';

/** Decision support for one pair of tests. */
export interface ControlOption {
  readonly tests: readonly [ExamTest, ExamTest];
  /** Whether 20 in both orals would bring the overall average to 10. */
  readonly reachable: boolean;
  /**
   * The smallest mark, in hundredths, which obtained in both orals brings
   * the overall average to at least 10 (best-of applied); null if unreachable.
   */
  readonly minimumMarkInBoth: number | null;
}

/**
 * The overall average with the same oral mark in both tests, best-of
 * applied; null when no mark there can admit (no average, or an
 * unjustified absence left standing, art. D643-15).
 */
function overallWithOral(
  structure: ExamStructure,
  marks: CandidateMarks,
  policy: RuleSet,
  firstMarks: readonly [Fraction, Fraction],
  codes: readonly [string, string],
  hundredths: number,
): Fraction | null {
  const oral = fromHundredths(hundredths);
  const replacements = new Map<string, Fraction>([
    [codes[0], max(firstMarks[0], oral)],
    [codes[1], max(firstMarks[1], oral)],
  ]);
  const averages = computeAverages(structure, marks, policy, replacements);
  return averages.unjustifiedAbsences.length === 0 ? averages.overall : null;
}

/**
 * The least mark h, in hundredths, such that `admits(h)`, given that
 * `admits(MAX_MARK_HUNDREDTHS)` and that the average never falls as h
 * grows (best-of never lowers it): a search of 0..2000 on that alone.
 *
 * It starts with a guess, which only saves work: from the larger of the
 * two first marks on (`bothReplacedFrom`), both orals replace them, and a
 * weighted mean then moves in a straight line, so the line through that
 * mark and 20 (`atMax`, the average there) crosses the threshold at the
 * answer. The guess is taken only once the average itself confirms it (it
 * admits at the guess and not a hundredth below); otherwise it narrows the
 * search, which goes on by halves. The candidate's page shows these
 * minimums at every visit: 4 averages a pair instead of 12.
 */
export function leastAdmittingMark(
  overallAt: (hundredths: number) => Fraction | null,
  threshold: Fraction,
  bothReplacedFrom: number,
  atMax: Fraction,
): number {
  const admits = (h: number) => {
    const overall = overallAt(h);
    return overall !== null && compare(overall, threshold) >= 0;
  };
  // Every mark below `low` fails; `high` admits.
  let low = 0;
  let high = MAX_MARK_HUNDREDTHS;
  if (bothReplacedFrom < MAX_MARK_HUNDREDTHS) {
    const atBreak = overallAt(bothReplacedFrom);
    if (atBreak !== null && compare(atBreak, threshold) >= 0) {
      high = bothReplacedFrom;
    } else {
      low = bothReplacedFrom + 1;
      if (atBreak !== null) {
        // In low..high: the average at the break fails and at 20 admits.
        const guess = lineCrossing(bothReplacedFrom, atBreak, atMax, threshold);
        if (admits(guess)) {
          if (guess === low || !admits(guess - 1)) return guess;
          high = guess - 1;
        } else {
          low = guess + 1;
        }
      }
    }
  }
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (admits(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Where the line through (from, atFrom) and (MAX, atMax) reaches the
 * threshold, rounded up to the hundredth, given atFrom < threshold ≤ atMax.
 */
function lineCrossing(
  from: number,
  atFrom: Fraction,
  atMax: Fraction,
  threshold: Fraction,
): number {
  // from + (threshold − atFrom) / (atMax − atFrom) × (MAX − from), exactly,
  // rounded up: a share in ]0, 1], so a mark in from + 1..MAX.
  const share = divide(subtract(threshold, atFrom), subtract(atMax, atFrom));
  const span = fromHundredths(MAX_MARK_HUNDREDTHS - from);
  return from + roundUpToHundredths(multiply(share, span));
}

/**
 * For every pair of tests the candidate may choose, the smallest mark that,
 * obtained in both orals, admits them. The average grows with the oral mark
 * (best-of never lowers it), so a binary search over 0..2000 hundredths
 * finds the exact minimum with exact comparisons.
 * Empty unless the candidate is allowed to the control.
 */
export function controlOptions(
  structure: ExamStructure,
  marks: CandidateMarks,
  policy: RuleSet = NATIONAL_RULES,
): readonly ControlOption[] {
  const first = decideFirstGroup(computeAverages(structure, marks, policy), policy);
  if (first.status !== 'DECIDED' || first.outcome !== 'CONTROL_ALLOWED') return [];
  return controlOptionsOfAllowed(structure, marks, policy);
}

/**
 * The same decision support for a candidate the jury allowed to the control
 * whatever the computed outcome (art. D643-22). Empty while a first-group
 * mark is missing: no average, hence no mark to aim at, can be computed.
 */
export function controlOptionsOfAllowed(
  structure: ExamStructure,
  marks: CandidateMarks,
  policy: RuleSet = NATIONAL_RULES,
): readonly ControlOption[] {
  if (computeAverages(structure, marks, policy).missing.length > 0) return [];
  const eligible = eligibleControlTests(structure, marks);
  const firstMark = (test: ExamTest): Fraction => {
    const result = resolveTestResult(test, marks);
    return result.kind === 'COUNTED' ? result.value : ZERO;
  };
  const threshold = fromHundredths(policy.thresholds.admittedHundredths);
  const options: ControlOption[] = [];
  for (let i = 0; i < eligible.length; i++) {
    for (let j = i + 1; j < eligible.length; j++) {
      const a = eligible[i] as ExamTest;
      const b = eligible[j] as ExamTest;
      const codes = [a.code, b.code] as const;
      const firsts = [firstMark(a), firstMark(b)] as const;
      const overallAt = (h: number) => overallWithOral(structure, marks, policy, firsts, codes, h);
      const atMax = overallAt(MAX_MARK_HUNDREDTHS);
      if (atMax === null || compare(atMax, threshold) < 0) {
        options.push({ tests: [a, b], reachable: false, minimumMarkInBoth: null });
        continue;
      }
      const bothReplacedFrom = roundUpToHundredths(max(firsts[0], firsts[1]));
      const least = leastAdmittingMark(overallAt, threshold, bothReplacedFrom, atMax);
      options.push({ tests: [a, b], reachable: true, minimumMarkInBoth: least });
    }
  }
  return options;
}
