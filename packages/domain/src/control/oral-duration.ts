import type { ExamTest } from '../marks/exam-structure.ts';

export interface OralDuration {
  readonly preparationMinutes: number;
  readonly oralMinutes: number;
}

/**
 * Each control oral: 20 minutes of preparation then 20 minutes of oral;
 * for modern languages 10 + 10 (arrêté du 3 juin 2022).
 */
export const ORAL_DURATIONS = {
  standard: { preparationMinutes: 20, oralMinutes: 20 },
  language: { preparationMinutes: 10, oralMinutes: 10 },
} as const satisfies Record<string, OralDuration>;

export function oralDurationOf(test: ExamTest): OralDuration {
  return test.language === true ? ORAL_DURATIONS.language : ORAL_DURATIONS.standard;
}
