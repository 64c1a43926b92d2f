import type { Window } from '../calendar/exam-session-calendar.ts';
import { windowState } from '../calendar/phase.ts';
import { epochMillisecondsOf } from '../calendar/valid-instant.ts';
import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';

/** How long before the window closes a candidate with no choice is reminded. */
export const WINDOW_REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;

export interface WindowReminderSubject {
  /** The first-group outcome, once published; null while unknown. */
  readonly firstGroupOutcome: FirstGroupOutcome | null;
  readonly hasChoice: boolean;
}

/**
 * The instant from which the reminder is due: 24 h before the window closes,
 * or the opening itself for a window shorter than that (batch B's is 22 h),
 * since a reminder before the window opens could not be acted upon.
 */
export function windowReminderFrom(window: Window): Date {
  return new Date(
    Math.max(window.opensAt.getTime(), window.closesAt.getTime() - WINDOW_REMINDER_LEAD_MS),
  );
}

/**
 * « Window closing in 24 h with no choice »: only a candidate allowed to the
 * control (art. D643-15) who has not entered a choice yet, while the window
 * is open and closes within 24 h. Once it is closed a reminder is useless.
 */
export function isWindowReminderDue(
  subject: WindowReminderSubject,
  window: Window,
  at: Date,
): boolean {
  if (subject.firstGroupOutcome !== 'CONTROL_ALLOWED' || subject.hasChoice) return false;
  if (windowState(window, at) !== 'OPEN') return false;
  return epochMillisecondsOf(at) >= windowReminderFrom(window).getTime();
}
