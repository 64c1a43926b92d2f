import { DomainInputError } from '../errors.ts';
import type { Batch, ExamSessionCalendar, Window } from './exam-session-calendar.ts';
import { endOfParisDay, parisDateOf, startOfParisDay } from './paris-time.ts';
import { epochMillisecondsOf } from './valid-instant.ts';
import { isAcademyCode } from '../reference/academies.ts';

/**
 * Where a specialty stands in the session, in time order. `buildCalendar`
 * guarantees the order of the instants, so the phase never goes back as
 * time moves forward.
 */
export const PHASES = [
  'BEFORE_FIRST_GROUP_RESULTS',
  /** Published, choice window not open yet. */
  'FIRST_GROUP_PUBLISHED',
  'CHOICE_WINDOW_OPEN',
  /** Window closed, orals not started. */
  'CHOICE_WINDOW_CLOSED',
  /** From the start of the specialty's first oral day to the end of its last (Paris days, any académie). */
  'ORALS',
  'AWAITING_SECOND_GROUP_RESULTS',
  'SECOND_GROUP_RESULTS_PUBLISHED',
] as const;

export type Phase = (typeof PHASES)[number];

export type WindowState = 'NOT_OPEN' | 'OPEN' | 'CLOSED';

/** The batch of a specialty; throws UNKNOWN_SPECIALTY when it has none in this session. */
export function batchOf(cal: ExamSessionCalendar, specialtyCode: string): Batch {
  const batch = cal.batches.find((b) => b.specialtyCodes.includes(specialtyCode));
  if (batch === undefined) {
    throw new DomainInputError(
      'UNKNOWN_SPECIALTY',
      `La spécialité « ${specialtyCode} » ne figure pas au calendrier de la session ${cal.year}.`,
    );
  }
  return batch;
}

export function choiceWindow(cal: ExamSessionCalendar, specialtyCode: string): Window {
  return batchOf(cal, specialtyCode).choiceWindow;
}

/** Half-open window (docs/rules.md): open at `opensAt` exactly, closed at `closesAt` exactly. */
export function isWindowOpen(w: Window, at: Date): boolean {
  return windowState(w, at) === 'OPEN';
}

export function windowState(w: Window, at: Date): WindowState {
  const t = epochMillisecondsOf(at);
  if (t < w.opensAt.getTime()) return 'NOT_OPEN';
  if (t < w.closesAt.getTime()) return 'OPEN';
  return 'CLOSED';
}

export function firstGroupResultsAt(cal: ExamSessionCalendar, specialtyCode: string): Date {
  return batchOf(cal, specialtyCode).firstGroupResultsAt;
}

/** Published from the publication instant included (results embargo until then). */
/**
 * The results embargo's one comparison: results are public from their
 * publication instant exactly (not a millisecond before). Also for a client
 * that has only the instant, e.g. the web's « published on … » callout.
 */
export function isPublishedAt(publishedAt: Date, at: Date): boolean {
  return epochMillisecondsOf(at) >= epochMillisecondsOf(publishedAt);
}

export function isFirstGroupPublished(
  cal: ExamSessionCalendar,
  specialtyCode: string,
  at: Date,
): boolean {
  return isPublishedAt(firstGroupResultsAt(cal, specialtyCode), at);
}

export function isSecondGroupPublished(cal: ExamSessionCalendar, at: Date): boolean {
  return isPublishedAt(cal.secondGroupResultsAt, at);
}

/**
 * The day of a candidate's orals, from the académie of origin and the
 * specialty: a rule naming the académie wins over the specialty's generic
 * rule. Throws UNKNOWN_SPECIALTY, UNKNOWN_ACADEMY (a mistyped code must not
 * silently get the generic day) or NO_ORAL_DAY.
 */
export function oralDayFor(
  cal: ExamSessionCalendar,
  specialtyCode: string,
  originAcademyCode: string,
): string {
  batchOf(cal, specialtyCode);
  if (!isAcademyCode(originAcademyCode)) {
    throw new DomainInputError(
      'UNKNOWN_ACADEMY',
      `Code d’académie inconnu : « ${originAcademyCode} ».`,
    );
  }
  const rules = cal.oralDays.filter((r) => r.specialtyCode === specialtyCode);
  const rule =
    rules.find((r) => r.originAcademyCode === originAcademyCode) ??
    rules.find((r) => r.originAcademyCode === undefined);
  if (rule === undefined) {
    throw new DomainInputError(
      'NO_ORAL_DAY',
      `Aucun jour d’oral n’est prévu pour la spécialité ${specialtyCode} et l’académie ${originAcademyCode}.`,
    );
  }
  return rule.date;
}

/** Every oral day of the session, sorted, without repeats. */
export function oralDays(cal: ExamSessionCalendar): string[] {
  return [...new Set(cal.oralDays.map((r) => r.date))].sort();
}

/** [start of first oral day, end of last oral day) of a specialty, in Paris. */
function oralPeriod(
  cal: ExamSessionCalendar,
  specialtyCode: string,
): { start: number; end: number } {
  // ISO dates sort as strings; buildCalendar guarantees at least one rule.
  const dates = cal.oralDays
    .filter((r) => r.specialtyCode === specialtyCode)
    .map((r) => r.date)
    .sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) {
    throw new DomainInputError(
      'NO_ORAL_DAY',
      `Aucun jour d’oral n’est prévu pour la spécialité ${specialtyCode}.`,
    );
  }
  return { start: startOfParisDay(first).getTime(), end: endOfParisDay(last).getTime() };
}

/**
 * The phase of a specialty at an instant. A day between two oral days of
 * the same specialty counts as ORALS: the orals are not over yet, and the
 * phase must not go back.
 */
export function phaseAt(cal: ExamSessionCalendar, specialtyCode: string, at: Date): Phase {
  const t = epochMillisecondsOf(at);
  const batch = batchOf(cal, specialtyCode);
  if (t < batch.firstGroupResultsAt.getTime()) return 'BEFORE_FIRST_GROUP_RESULTS';
  const state = windowState(batch.choiceWindow, at);
  if (state === 'NOT_OPEN') return 'FIRST_GROUP_PUBLISHED';
  if (state === 'OPEN') return 'CHOICE_WINDOW_OPEN';
  const orals = oralPeriod(cal, specialtyCode);
  if (t < orals.start) return 'CHOICE_WINDOW_CLOSED';
  if (t < orals.end) return 'ORALS';
  if (t < cal.secondGroupResultsAt.getTime()) return 'AWAITING_SECOND_GROUP_RESULTS';
  return 'SECOND_GROUP_RESULTS_PUBLISHED';
}

/** Whether `at` falls on one of the specialty's oral days (any académie), in Paris. */
export function isOralDay(cal: ExamSessionCalendar, specialtyCode: string, at: Date): boolean {
  batchOf(cal, specialtyCode);
  const day = parisDateOf(at);
  return cal.oralDays.some((r) => r.specialtyCode === specialtyCode && r.date === day);
}
