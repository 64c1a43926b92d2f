export {
  PARIS_TIME_ZONE,
  instantToParisWallTime,
  parisDateOf,
  parisWallTimeToInstant,
} from './paris-time.ts';
export type {
  Batch,
  BatchData,
  CalendarData,
  ExamSessionCalendar,
  OralDayRule,
  Window,
  WindowData,
} from './exam-session-calendar.ts';
export { buildCalendar } from './exam-session-calendar.ts';
export {
  AMENDMENT_REASON_MAX_LENGTH,
  type Amendment,
  type AmendmentRefusal,
  type CalendarChange,
  amendCalendar,
  amendmentRefusalText,
  calendarDataOf,
} from './amend-calendar.ts';
export {
  type AmendmentCandidate,
  amendmentTouches,
  concernedByAmendment,
} from './amendment-audience.ts';
export { currentSessionYear, sessionStartsAt } from './current-session.ts';
export { CALENDAR_2024_DATA, calendar2024 } from './session-2024.ts';
export type { Phase, WindowState } from './phase.ts';
export {
  PHASES,
  batchOf,
  choiceWindow,
  firstGroupResultsAt,
  isFirstGroupPublished,
  isOralDay,
  isPublishedAt,
  isSecondGroupPublished,
  isWindowOpen,
  oralDayFor,
  oralDays,
  phaseAt,
  windowState,
} from './phase.ts';
export { formatParisDate, formatParisDateTime, formatParisTime } from './format-fr.ts';
export {
  EVERYTHING_PUBLISHED,
  NOTHING_PUBLISHED,
  type Publication,
  publicationAt,
  specialtiesPublishedAt,
} from './publication.ts';
