import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import { resolveTestResult } from '../marks/test-result.ts';

/**
 * Why a test of the structure cannot be chosen for a control oral. The
 * orals bear on the general domain only (arrêté du 3 juin 2022), on whole
 * tests marked eligible; a test the candidate was exempted from has no
 * first-group mark to improve.
 */
export type IneligibilityReason =
  'NOT_GENERAL_DOMAIN' | 'NOT_CONTROL_ELIGIBLE' | 'OPTIONAL_TEST' | 'EXEMPT_TEST';

export function ineligibilityOf(test: ExamTest, marks: CandidateMarks): IneligibilityReason | null {
  if (test.domain !== 'GENERAL') return 'NOT_GENERAL_DOMAIN';
  if (test.optional) return 'OPTIONAL_TEST';
  if (!test.controlEligible) return 'NOT_CONTROL_ELIGIBLE';
  if (resolveTestResult(test, marks).kind === 'EXEMPT') return 'EXEMPT_TEST';
  return null;
}

/** The tests this candidate may choose for the control orals, in structure order. */
export function eligibleControlTests(
  structure: ExamStructure,
  marks: CandidateMarks,
): readonly ExamTest[] {
  return structure.tests.filter((test) => ineligibilityOf(test, marks) === null);
}
