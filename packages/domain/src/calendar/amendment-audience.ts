import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { Amendment } from './amend-calendar.ts';
import type { ExamSessionCalendar } from './exam-session-calendar.ts';
import { isFirstGroupPublished } from './phase.ts';

/** What the audience of an amendment needs to know of a candidate. */
export interface AmendmentCandidate {
  readonly specialtyCode: string;
  readonly originAcademyCode: string;
  /** What the rules computed (null: not yet, a mark missing). */
  readonly computedOutcome: FirstGroupOutcome | null;
  /** The jury's first-group decision, if any: it replaces the computed outcome. */
  readonly juryOutcome: FirstGroupOutcome | null;
}

/**
 * Whether an amendment changes this candidate's calendar: their
 * specialty's batch; for an oral day, only if that rule gives their day (a
 * rule without académie gives the day of every académie without its own).
 */
export function amendmentTouches(
  amendment: Amendment,
  before: ExamSessionCalendar,
  candidate: Pick<AmendmentCandidate, 'specialtyCode' | 'originAcademyCode'>,
): boolean {
  if (
    amendment.specialtyCodes !== 'ALL' &&
    !amendment.specialtyCodes.includes(candidate.specialtyCode)
  )
    return false;
  if (amendment.what !== 'ORAL_DAY') return true;
  if (amendment.originAcademyCode !== null)
    return amendment.originAcademyCode === candidate.originAcademyCode;
  return !before.oralDays.some(
    (r) =>
      r.specialtyCode === candidate.specialtyCode &&
      r.originAcademyCode === candidate.originAcademyCode,
  );
}

/**
 * Whether a candidate is told of an amendment. Only those whose calendar
 * it changes (amendmentTouches), and never in a way that reveals an
 * outcome before it is published: until the specialty's first-group
 * results, every candidate of it is told (the notice itself says « if you
 * take the orals »); from then on, what concerns the orals (window, oral
 * day, second-group results) goes only to candidates allowed to the control
 * after the jury, who already know it.
 */
export function concernedByAmendment(
  amendment: Amendment,
  /** The calendar as it was before the amendment. */
  before: ExamSessionCalendar,
  candidate: AmendmentCandidate,
  at: Date,
): boolean {
  if (!amendmentTouches(amendment, before, candidate)) return false;
  if (amendment.what === 'FIRST_GROUP_RESULTS') return true;
  if (!isFirstGroupPublished(before, candidate.specialtyCode, at)) return true;
  // The jury is sovereign: its decision is the outcome for every purpose.
  return (candidate.juryOutcome ?? candidate.computedOutcome) === 'CONTROL_ALLOWED';
}
