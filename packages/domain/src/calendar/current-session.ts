import type { ExamSessionCalendar } from './exam-session-calendar.ts';

/** The first instant of a session: its earliest publication or window opening. */
export function sessionStartsAt(calendar: ExamSessionCalendar): Date {
  const instants = calendar.batches.flatMap((b) => [
    b.firstGroupResultsAt.getTime(),
    b.choiceWindow.opensAt.getTime(),
  ]);
  return new Date(Math.min(calendar.secondGroupResultsAt.getTime(), ...instants));
}

/**
 * The session pages and commands show by default: the one whose calendar
 * contains `at` (from its first publication to its second-group results,
 * both included), else the latest defined (the one being prepared, or the
 * last one run). Null when no session is defined. Two calendars never
 * overlap in practice (one session a year); if they did, the later year wins.
 */
export function currentSessionYear(
  calendars: readonly ExamSessionCalendar[],
  at: Date,
): number | null {
  const byYear = [...calendars].sort((a, b) => b.year - a.year);
  const containing = byYear.find(
    (c) =>
      sessionStartsAt(c).getTime() <= at.getTime() &&
      at.getTime() <= c.secondGroupResultsAt.getTime(),
  );
  return (containing ?? byYear[0])?.year ?? null;
}
