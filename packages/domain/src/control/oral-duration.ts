import type { ExamTest } from '../marks/exam-structure.ts';
import { NATIONAL_RULES, type OralDuration, type OralDurations } from '../rules/rule-set.ts';

export type { OralDuration } from '../rules/rule-set.ts';

/** A control oral's preparation and oral time under a session's durations (languages have their own). */
export function oralDurationOf(
  test: ExamTest,
  durations: OralDurations = NATIONAL_RULES.oralDurations,
): OralDuration {
  return test.language === true ? durations.language : durations.standard;
}
