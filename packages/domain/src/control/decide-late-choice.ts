import { type ReasonRefusal, statedReason } from '../stated-reason.ts';
import { type Refused, refuse } from '../errors.ts';
import type { ExamSessionCalendar } from '../calendar/exam-session-calendar.ts';
import { choiceWindow, windowState } from '../calendar/phase.ts';
import type { Channel } from '../channels/may-enter-choice.ts';
import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { JuryDecision } from '../jury/apply-jury-decision.ts';
import { type AllowedChoiceRefusal, allowedChoice } from './allowed-choice.ts';

/** The longest reason kept: a sentence or two, not a file. */
export const LATE_CHOICE_REASON_MAX_LENGTH = 500;

export interface LateChoiceInput {
  readonly calendar: ExamSessionCalendar;
  readonly specialtyCode: string;
  readonly structure: ExamStructure;
  readonly marks: CandidateMarks;
  /** Candidat individuel: no school may ask for them. */
  readonly individual: boolean;
  /** How the request reached the exam office: the candidate asked, or their school did. */
  readonly channel: Channel;
  readonly testCodes: readonly string[];
  /** Why the exam office enters a choice after the deadline (mandatory). */
  readonly reason: string;
  readonly at: Date;
  readonly policy?: RuleSet;
  readonly juryDecision?: JuryDecision<FirstGroupOutcome> | null;
}

export type LateChoiceRefusal =
  /** The window has not closed: the candidate or the school enters the choice. */
  | { readonly code: 'WINDOW_NOT_CLOSED'; readonly closesAt: Date }
  /** The final results are out: a choice can no longer change anything. */
  | { readonly code: 'RESULTS_PUBLISHED'; readonly publishedAt: Date }
  | ReasonRefusal
  /** An individual candidate's choice never comes through a school, late or not. */
  | { readonly code: 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL' }
  | AllowedChoiceRefusal;

export type LateChoiceDecision =
  | {
      readonly ok: true;
      readonly channel: Channel;
      readonly tests: readonly [ExamTest, ExamTest];
      /** Trimmed. */
      readonly reason: string;
    }
  | Refused<LateChoiceRefusal>;

/**
 * Whether the exam office may record a choice after the deadline, by
 * exception, as the candidate (or their school) asked it to. Nothing in the
 * texts provides for it; it answers the cases a jury would otherwise settle
 * (a candidate who could not reach the candidate space in time). So it opens
 * only once the regular window has closed, closes at the second-group
 * results instant, needs a stated reason, and follows the rules of any
 * choice (allowedChoice).
 */
export function decideLateChoice(input: LateChoiceInput): LateChoiceDecision {
  const window = choiceWindow(input.calendar, input.specialtyCode);
  if (windowState(window, input.at) !== 'CLOSED')
    return refuse({ code: 'WINDOW_NOT_CLOSED', closesAt: window.closesAt });
  const publishedAt = input.calendar.secondGroupResultsAt;
  if (input.at.getTime() >= publishedAt.getTime())
    return refuse({ code: 'RESULTS_PUBLISHED', publishedAt });
  const stated = statedReason(input.reason, LATE_CHOICE_REASON_MAX_LENGTH);
  if (!stated.ok) return stated;
  const { reason } = stated;
  if (input.individual && input.channel === 'SCHOOL')
    return refuse({ code: 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL' });

  const choice = allowedChoice(input);
  if (!choice.ok) return choice;
  return { ok: true, channel: input.channel, tests: choice.tests, reason };
}
