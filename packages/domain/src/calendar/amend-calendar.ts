import { type ReasonRefusal, reasonTooLongText, statedReason } from '../stated-reason.ts';
import { DomainInputError, type Refused, refuse } from '../errors.ts';
import {
  type CalendarData,
  type ExamSessionCalendar,
  buildCalendar,
} from './exam-session-calendar.ts';
import { formatParisDateTime } from './format-fr.ts';
import { instantToParisWallTime, parseCalendarDate, startOfParisDay } from './paris-time.ts';

/** One instant or day of a session's calendar, moved. */
export type CalendarChange =
  | { readonly kind: 'FIRST_GROUP_RESULTS'; readonly batchId: string; readonly to: Date }
  | { readonly kind: 'CHOICE_WINDOW_OPENS'; readonly batchId: string; readonly to: Date }
  | { readonly kind: 'CHOICE_WINDOW_CLOSES'; readonly batchId: string; readonly to: Date }
  | { readonly kind: 'SECOND_GROUP_RESULTS'; readonly to: Date }
  | {
      readonly kind: 'ORAL_DAY';
      readonly specialtyCode: string;
      /** The rule's académie; null for the rule of every other académie. */
      readonly originAcademyCode: string | null;
      /** Paris calendar day, "YYYY-MM-DD". */
      readonly to: string;
    };

/** A reason is a sentence or two for the audit and the candidates told, not a document. */
export const AMENDMENT_REASON_MAX_LENGTH = 500;

export type AmendmentRefusal =
  | ReasonRefusal
  | { readonly code: 'UNKNOWN_BATCH' }
  | { readonly code: 'UNKNOWN_ORAL_DAY' }
  | { readonly code: 'MALFORMED_DAY' }
  /** What would move has already happened (an oral day: from its first instant). */
  | { readonly code: 'ALREADY_PASSED'; readonly passedAt: Date }
  /** Nothing moves into the past: candidates could not act on it. */
  | { readonly code: 'NOT_IN_FUTURE' }
  | { readonly code: 'UNCHANGED' }
  /** The calendar would break one of its rules; every problem, in French. */
  | { readonly code: 'INVALID_CALENDAR'; readonly problems: readonly string[] };

export interface Amendment {
  readonly ok: true;
  readonly calendar: ExamSessionCalendar;
  /** What moved. */
  readonly what: CalendarChange['kind'];
  /** The old and new values as published: Paris wall times, or days. */
  readonly from: string;
  readonly to: string;
  /** The same, as values: instants, or Paris days ("YYYY-MM-DD"). */
  readonly before: Date | string;
  readonly after: Date | string;
  /** Whom it concerns: candidates of these specialties (of one académie, or of all when null). */
  readonly specialtyCodes: readonly string[] | 'ALL';
  readonly originAcademyCode: string | null;
  /** Trimmed. */
  readonly reason: string;
}

/** The calendar as published data again: wall times in Paris. */
export function calendarDataOf(calendar: ExamSessionCalendar): CalendarData {
  return {
    year: calendar.year,
    batches: calendar.batches.map((b) => ({
      id: b.id,
      label: b.label,
      firstGroupResultsAt: instantToParisWallTime(b.firstGroupResultsAt),
      choiceWindow: {
        opensAt: instantToParisWallTime(b.choiceWindow.opensAt),
        closesAt: instantToParisWallTime(b.choiceWindow.closesAt),
      },
      specialtyCodes: b.specialtyCodes,
    })),
    oralDays: calendar.oralDays,
    secondGroupResultsAt: instantToParisWallTime(calendar.secondGroupResultsAt),
  };
}

function isDay(text: string): boolean {
  try {
    parseCalendarDate(text);
    return true;
  } catch (error) {
    if (error instanceof DomainInputError) return false;
    throw error;
  }
}

interface Moved {
  readonly data: CalendarData;
  readonly from: Date | string;
  /** The instant at which the moved thing happens (an oral day: its first instant). */
  readonly fromInstant: Date;
  readonly toInstant: Date;
  readonly specialtyCodes: readonly string[] | 'ALL';
  readonly originAcademyCode: string | null;
}

function move(
  calendar: ExamSessionCalendar,
  change: CalendarChange,
): Moved | Refused<AmendmentRefusal> {
  const data = calendarDataOf(calendar);
  if (change.kind === 'SECOND_GROUP_RESULTS') {
    return {
      data: { ...data, secondGroupResultsAt: instantToParisWallTime(change.to) },
      from: calendar.secondGroupResultsAt,
      fromInstant: calendar.secondGroupResultsAt,
      toInstant: change.to,
      specialtyCodes: 'ALL',
      originAcademyCode: null,
    };
  }
  if (change.kind === 'ORAL_DAY') {
    const index = calendar.oralDays.findIndex(
      (d) =>
        d.specialtyCode === change.specialtyCode &&
        (d.originAcademyCode ?? null) === change.originAcademyCode,
    );
    const rule = calendar.oralDays[index];
    if (rule === undefined) return refuse({ code: 'UNKNOWN_ORAL_DAY' });
    if (!isDay(change.to)) return refuse({ code: 'MALFORMED_DAY' });
    const oralDays = calendar.oralDays.map((d, i) => (i === index ? { ...d, date: change.to } : d));
    return {
      data: { ...data, oralDays },
      from: rule.date,
      fromInstant: startOfParisDay(rule.date),
      toInstant: startOfParisDay(change.to),
      specialtyCodes: [change.specialtyCode],
      originAcademyCode: change.originAcademyCode,
    };
  }
  const batch = calendar.batches.find((b) => b.id === change.batchId);
  if (batch === undefined) return refuse({ code: 'UNKNOWN_BATCH' });
  const wall = instantToParisWallTime(change.to);
  const current =
    change.kind === 'FIRST_GROUP_RESULTS'
      ? batch.firstGroupResultsAt
      : change.kind === 'CHOICE_WINDOW_OPENS'
        ? batch.choiceWindow.opensAt
        : batch.choiceWindow.closesAt;
  const batches = data.batches.map((b) => {
    if (b.id !== batch.id) return b;
    if (change.kind === 'FIRST_GROUP_RESULTS') return { ...b, firstGroupResultsAt: wall };
    if (change.kind === 'CHOICE_WINDOW_OPENS')
      return { ...b, choiceWindow: { ...b.choiceWindow, opensAt: wall } };
    return { ...b, choiceWindow: { ...b.choiceWindow, closesAt: wall } };
  });
  return {
    data: { ...data, batches },
    from: current,
    fromInstant: current,
    toInstant: change.to,
    specialtyCodes: batch.specialtyCodes,
    originAcademyCode: null,
  };
}

const published = (value: Date | string): string =>
  typeof value === 'string' ? value : instantToParisWallTime(value);

/**
 * Moves one instant or day of a session's calendar, as the exam office
 * amends a calendar first published as « prévisionnel ». Only what has not
 * happened yet moves, and only into the future: an instant is past from
 * itself on (a publication at 10:00 has happened at 10:00), an oral day
 * from its first instant. The amended calendar must keep every rule of a
 * calendar (buildCalendar): a window still opens at or after its
 * publication, orals still come after the choices and before the results.
 */
export function amendCalendar(
  calendar: ExamSessionCalendar,
  change: CalendarChange,
  reason: string,
  at: Date,
): Amendment | Refused<AmendmentRefusal> {
  const stated = statedReason(reason, AMENDMENT_REASON_MAX_LENGTH);
  if (!stated.ok) return stated;
  const trimmed = stated.reason;
  const moved = move(calendar, change);
  if ('ok' in moved) return moved;
  if (at.getTime() >= moved.fromInstant.getTime())
    return refuse({ code: 'ALREADY_PASSED', passedAt: moved.fromInstant });
  if (moved.toInstant.getTime() <= at.getTime()) return refuse({ code: 'NOT_IN_FUTURE' });
  if (moved.toInstant.getTime() === moved.fromInstant.getTime())
    return refuse({ code: 'UNCHANGED' });
  let amended: ExamSessionCalendar;
  try {
    amended = buildCalendar(moved.data);
  } catch (error) {
    if (error instanceof DomainInputError)
      return refuse({ code: 'INVALID_CALENDAR', problems: error.details });
    throw error;
  }
  return {
    ok: true,
    calendar: amended,
    what: change.kind,
    from: published(moved.from),
    to: published(change.to),
    before: moved.from,
    after: change.to,
    specialtyCodes: moved.specialtyCodes,
    originAcademyCode: moved.originAcademyCode,
    reason: trimmed,
  };
}

/** A refusal in French, for the exam office (the GraphQL message, the command line). */
export function amendmentRefusalText(refusal: AmendmentRefusal): string {
  switch (refusal.code) {
    case 'REASON_REQUIRED':
      return 'Indiquez le motif de la modification du calendrier.';
    case 'REASON_TOO_LONG':
      return reasonTooLongText(refusal.maxLength);
    case 'UNKNOWN_BATCH':
      return 'Ce lot de publication n’existe pas dans cette session.';
    case 'UNKNOWN_ORAL_DAY':
      return 'Aucun jour d’oral n’est fixé pour cette spécialité et cette académie dans cette session.';
    case 'MALFORMED_DAY':
      return 'Le nouveau jour doit être une date du calendrier, au format AAAA-MM-JJ.';
    case 'ALREADY_PASSED':
      return `Ce moment est passé depuis le ${formatParisDateTime(refusal.passedAt)} (heure de Paris) : il ne peut plus être déplacé.`;
    case 'NOT_IN_FUTURE':
      return 'Le nouveau moment doit être dans le futur : les candidats doivent pouvoir en tenir compte.';
    case 'UNCHANGED':
      return 'Le nouveau moment est celui déjà prévu : rien n’est modifié.';
    case 'INVALID_CALENDAR':
      return `Le calendrier modifié ne respecterait plus ses règles : ${refusal.problems.join(' ')}`;
  }
}
