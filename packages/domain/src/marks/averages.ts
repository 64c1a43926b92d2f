import type { ExamStructure, ExamTest } from './exam-structure.ts';
import {
  type Fraction,
  ZERO,
  add,
  compare,
  fraction,
  fromInteger,
  multiply,
  subtract,
} from './fraction.ts';
import type { CandidateMarks } from './mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import { type TestResult, checkCandidateMarks, keptTestResult } from './test-result.ts';

export interface Averages {
  /** Σ(coef × mark) / Σ(coef) over compulsory tests, plus optional points; null if nothing counts. */
  readonly overall: Fraction | null;
  /** The same over compulsory professional-domain tests only; null if none counts. */
  readonly professional: Fraction | null;
  /** Each test's resolved result, in structure order. */
  readonly tests: readonly { readonly code: string; readonly result: TestResult }[];
  /** Codes (tests or parts) with no mark and no status, compulsory tests only. */
  readonly missing: readonly string[];
  /** Compulsory tests the candidate missed without justification. */
  readonly unjustifiedAbsences: readonly string[];
}

const TEN = fromInteger(10);

/**
 * The coefficient a counted test weighs with: its own, less the parts the
 * candidate is exempted from (a dispensé part leaves both sums, mark and
 * coefficient, like a dispensé test). An entry on the whole test covers it all.
 */
export function countedCoefficient(test: ExamTest, marks: CandidateMarks): bigint {
  if (test.parts.length === 0 || marks.has(test.code)) return BigInt(test.coefficientHundredths);
  let sum = 0n;
  for (const part of test.parts) {
    if (marks.get(part.code)?.status !== 'EXEMPT') sum += BigInt(part.coefficientHundredths);
  }
  return sum;
}

/**
 * Computes the averages exactly. `replacements` substitutes a test's value
 * (best-of after the control orals); a replaced test counts as a mark.
 */
export function computeAverages(
  structure: ExamStructure,
  marks: CandidateMarks,
  policy: RuleSet = NATIONAL_RULES,
  replacements: ReadonlyMap<string, Fraction> = new Map(),
): Averages {
  checkCandidateMarks(structure, marks);
  let overallSum = ZERO;
  let overallWeights = 0n;
  let optionalPoints = ZERO;
  let professionalSum = ZERO;
  let professionalWeights = 0n;
  const tests: { code: string; result: TestResult }[] = [];
  const missing: string[] = [];
  const unjustifiedAbsences: string[] = [];

  for (const test of structure.tests) {
    const result = keptTestResult(test, marks, replacements);
    tests.push({ code: test.code, result });
    const coefficient = countedCoefficient(test, marks);

    if (test.optional) {
      // An optional test not taken, missed or exempted simply adds nothing.
      if (
        policy.optionalTests === 'POINTS_ABOVE_10' &&
        result.kind === 'COUNTED' &&
        compare(result.value, TEN) > 0
      ) {
        optionalPoints = add(
          optionalPoints,
          multiply(subtract(result.value, TEN), fraction(coefficient, 1n)),
        );
      }
      continue;
    }

    switch (result.kind) {
      case 'MISSING':
        missing.push(...result.missingCodes);
        break;
      case 'ABSENT':
        unjustifiedAbsences.push(test.code);
        break;
      case 'EXEMPT':
        break;
      case 'COUNTED': {
        const weighted = multiply(result.value, fraction(coefficient, 1n));
        overallSum = add(overallSum, weighted);
        overallWeights += coefficient;
        if (test.domain === 'PROFESSIONAL') {
          professionalSum = add(professionalSum, weighted);
          professionalWeights += coefficient;
        }
        break;
      }
    }
  }

  return {
    overall:
      overallWeights === 0n
        ? null
        : multiply(add(overallSum, optionalPoints), fraction(1n, overallWeights)),
    professional:
      professionalWeights === 0n
        ? null
        : multiply(professionalSum, fraction(1n, professionalWeights)),
    tests,
    missing,
    unjustifiedAbsences,
  };
}
