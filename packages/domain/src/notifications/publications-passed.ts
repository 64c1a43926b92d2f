import type { ExamSessionCalendar } from '../calendar/exam-session-calendar.ts';
import { epochMillisecondsOf } from '../calendar/valid-instant.ts';

/** A publication of results whose instant has come: its notices may go out. */
export type PassedPublication =
  | {
      readonly kind: 'FIRST_GROUP';
      readonly batchId: string;
      readonly specialtyCodes: readonly string[];
      readonly publishedAt: Date;
    }
  | { readonly kind: 'SECOND_GROUP'; readonly publishedAt: Date };

/**
 * The publications of a session whose instant is at or before `at`, in time
 * order. Results are embargoed until their publication instant (docs/rules.md,
 * « Embargo and who sees what »): no notice may announce them a moment earlier.
 */
export function publicationsPassed(cal: ExamSessionCalendar, at: Date): PassedPublication[] {
  const t = epochMillisecondsOf(at);
  const passed: PassedPublication[] = cal.batches
    .filter((b) => b.firstGroupResultsAt.getTime() <= t)
    .map((b) => ({
      kind: 'FIRST_GROUP',
      batchId: b.id,
      specialtyCodes: b.specialtyCodes,
      publishedAt: b.firstGroupResultsAt,
    }));
  if (cal.secondGroupResultsAt.getTime() <= t)
    passed.push({ kind: 'SECOND_GROUP', publishedAt: cal.secondGroupResultsAt });
  return passed.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
}
