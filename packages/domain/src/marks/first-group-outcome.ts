import { type Averages, computeAverages } from './averages.ts';
import type { ExamStructure } from './exam-structure.ts';
import { type Fraction, ZERO, reachesHundredths } from './fraction.ts';
import type { CandidateMarks } from './mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';

export type FirstGroupOutcome = 'ADMITTED' | 'CONTROL_ALLOWED' | 'FAILED';

/** Which rule decided: lets a client explain the outcome in plain words. */
export type FirstGroupReason =
  | 'UNJUSTIFIED_ABSENCE'
  | 'OVERALL_AT_LEAST_10'
  | 'CONTROL_THRESHOLDS_MET'
  | 'OVERALL_BELOW_8'
  | 'PROFESSIONAL_BELOW_10'
  | 'NO_PROFESSIONAL_AVERAGE';

export type FirstGroupEvaluation =
  | {
      readonly status: 'PENDING';
      /** Tests or parts with no mark and no status (never empty): no outcome yet. */
      readonly missing: readonly string[];
    }
  /**
   * Every mark is in, but nothing counts (exempted from every test): there is
   * no average to decide on, and waiting will not bring one.
   */
  | { readonly status: 'NOTHING_TO_AVERAGE' }
  | {
      readonly status: 'DECIDED';
      readonly outcome: FirstGroupOutcome;
      readonly reason: FirstGroupReason;
      readonly overallAverage: Fraction;
      readonly professionalAverage: Fraction | null;
      readonly unjustifiedAbsences: readonly string[];
      readonly averages: Averages;
    };

/**
 * Decides the outcome of the first group (Code de l'éducation, art. D643-15),
 * with the session's thresholds (national: admitted at 10 or more; allowed
 * to the control with an overall average of at least 8 and a professional
 * average of at least 10); otherwise failed. An unjustified absence fails
 * whatever the averages. The reasons keep the national names.
 */
export function decideFirstGroup(
  averages: Averages,
  rules: RuleSet = NATIONAL_RULES,
): FirstGroupEvaluation {
  const { admittedHundredths, controlHundredths, professionalHundredths } = rules.thresholds;
  if (averages.missing.length > 0) return { status: 'PENDING', missing: averages.missing };
  // An unjustified absence fails whatever the averages, even when no test is
  // left to average (absent from every test): 0 then stands for the overall.
  const overall = averages.overall ?? (averages.unjustifiedAbsences.length > 0 ? ZERO : null);
  if (overall === null) {
    return { status: 'NOTHING_TO_AVERAGE' };
  }
  const decided = (outcome: FirstGroupOutcome, reason: FirstGroupReason): FirstGroupEvaluation => ({
    status: 'DECIDED',
    outcome,
    reason,
    overallAverage: overall,
    professionalAverage: averages.professional,
    unjustifiedAbsences: averages.unjustifiedAbsences,
    averages,
  });
  if (averages.unjustifiedAbsences.length > 0) return decided('FAILED', 'UNJUSTIFIED_ABSENCE');
  if (reachesHundredths(overall, admittedHundredths)) {
    return decided('ADMITTED', 'OVERALL_AT_LEAST_10');
  }
  if (!reachesHundredths(overall, controlHundredths)) return decided('FAILED', 'OVERALL_BELOW_8');
  if (averages.professional === null) return decided('FAILED', 'NO_PROFESSIONAL_AVERAGE');
  if (!reachesHundredths(averages.professional, professionalHundredths)) {
    return decided('FAILED', 'PROFESSIONAL_BELOW_10');
  }
  return decided('CONTROL_ALLOWED', 'CONTROL_THRESHOLDS_MET');
}

/** The first-group outcome of a candidate, from the exam structure and their marks. */
export function firstGroupOutcome(
  structure: ExamStructure,
  marks: CandidateMarks,
  rules: RuleSet = NATIONAL_RULES,
): FirstGroupEvaluation {
  return decideFirstGroup(computeAverages(structure, marks, rules), rules);
}
