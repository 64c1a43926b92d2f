import type { ExamSessionCalendar } from '../calendar/exam-session-calendar.ts';
import { publicationAt } from '../calendar/publication.ts';

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
 * « Embargo and who sees what »): no notice may announce them a moment
 * earlier, so what has passed is read from the embargo rule itself
 * (`publicationAt`), not from the calendar's instants a second time. The
 * second group's notice concerns every specialty: it goes out once the final
 * results of all of them are public.
 */
export function publicationsPassed(cal: ExamSessionCalendar, at: Date): PassedPublication[] {
  const passed: PassedPublication[] = cal.batches.flatMap((b) => {
    const published = b.specialtyCodes.filter(
      (code) => publicationAt(cal, code, at).firstGroupResults,
    );
    return published.length === 0
      ? []
      : [
          {
            kind: 'FIRST_GROUP' as const,
            batchId: b.id,
            specialtyCodes: published,
            publishedAt: b.firstGroupResultsAt,
          },
        ];
  });
  const specialties = cal.batches.flatMap((b) => b.specialtyCodes);
  if (specialties.every((code) => publicationAt(cal, code, at).finalResults))
    passed.push({ kind: 'SECOND_GROUP', publishedAt: cal.secondGroupResultsAt });
  return passed.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
}
