import { computeAverages } from '../marks/averages.ts';
import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';
import { type Fraction, ZERO, fromHundredths, max, reachesHundredths } from '../marks/fraction.ts';
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

function reachesTen(
  structure: ExamStructure,
  marks: CandidateMarks,
  policy: RuleSet,
  firstMarks: readonly [Fraction, Fraction],
  codes: readonly [string, string],
  hundredths: number,
): boolean {
  const oral = fromHundredths(hundredths);
  const replacements = new Map<string, Fraction>([
    [codes[0], max(firstMarks[0], oral)],
    [codes[1], max(firstMarks[1], oral)],
  ]);
  const averages = computeAverages(structure, marks, policy, replacements);
  // An unjustified absence left standing fails whatever the average (art. D643-15).
  return (
    averages.overall !== null &&
    averages.unjustifiedAbsences.length === 0 &&
    reachesHundredths(averages.overall, policy.thresholds.admittedHundredths)
  );
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
  const options: ControlOption[] = [];
  for (let i = 0; i < eligible.length; i++) {
    for (let j = i + 1; j < eligible.length; j++) {
      const a = eligible[i] as ExamTest;
      const b = eligible[j] as ExamTest;
      const codes = [a.code, b.code] as const;
      const firsts = [firstMark(a), firstMark(b)] as const;
      const reaches = (h: number) => reachesTen(structure, marks, policy, firsts, codes, h);
      if (!reaches(MAX_MARK_HUNDREDTHS)) {
        options.push({ tests: [a, b], reachable: false, minimumMarkInBoth: null });
        continue;
      }
      let low = 0;
      let high = MAX_MARK_HUNDREDTHS;
      while (low < high) {
        const mid = Math.floor((low + high) / 2);
        if (reaches(mid)) high = mid;
        else low = mid + 1;
      }
      options.push({ tests: [a, b], reachable: true, minimumMarkInBoth: low });
    }
  }
  return options;
}
