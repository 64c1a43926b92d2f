import type { ExamSessionCalendar } from './exam-session-calendar.ts';
import { isFirstGroupPublished, isSecondGroupPublished } from './phase.ts';

/** What of a specialty's results is public at an instant. */
export interface Publication {
  /** The first-group outcome, averages and marks, and the control status that follows from them. */
  readonly firstGroupResults: boolean;
  /** The convocations to the orals: in the candidate space after the first-group results. */
  readonly convocations: boolean;
  /** The final result after the control (second group). */
  readonly finalResults: boolean;
}

export const NOTHING_PUBLISHED: Publication = {
  firstGroupResults: false,
  convocations: false,
  finalResults: false,
};

export const EVERYTHING_PUBLISHED: Publication = {
  firstGroupResults: true,
  convocations: true,
  finalResults: true,
};

/**
 * What is published for a specialty at `at` (results embargo: nothing is
 * public before its instant). A final result implies the first group's: a
 * final outcome says whether the candidate was allowed to the control.
 */
export function publicationAt(
  cal: ExamSessionCalendar,
  specialtyCode: string,
  at: Date,
): Publication {
  const firstGroup = isFirstGroupPublished(cal, specialtyCode, at);
  return {
    firstGroupResults: firstGroup,
    convocations: firstGroup,
    finalResults: firstGroup && isSecondGroupPublished(cal, at),
  };
}

/** The specialties of which `what` is published at `at`, in calendar order. */
export function specialtiesPublishedAt(
  cal: ExamSessionCalendar,
  at: Date,
  what: keyof Publication = 'firstGroupResults',
): string[] {
  return cal.batches.flatMap((b) =>
    b.specialtyCodes.filter((code) => publicationAt(cal, code, at)[what]),
  );
}
