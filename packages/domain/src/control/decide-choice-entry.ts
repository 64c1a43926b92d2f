import { type Refused, refuse } from '../errors.ts';
import { type ExamSessionCalendar } from '../calendar/exam-session-calendar.ts';
import { choiceWindow, windowState } from '../calendar/phase.ts';
import {
  type ChoiceActor,
  type ChoiceRefusal,
  type ChoiceSubject,
  type Channel,
  mayEnterChoice,
} from '../channels/may-enter-choice.ts';
import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';
import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { InvalidChoice } from './validate-control-choice.ts';
import type { JuryDecision } from '../jury/apply-jury-decision.ts';
import { allowedChoice } from './allowed-choice.ts';

export interface ChoiceEntryInput {
  readonly calendar: ExamSessionCalendar;
  readonly specialtyCode: string;
  readonly structure: ExamStructure;
  readonly subject: ChoiceSubject;
  readonly marks: CandidateMarks;
  readonly actor: ChoiceActor;
  readonly testCodes: readonly string[];
  /** The server's clock reading for this request. */
  readonly at: Date;
  readonly policy?: RuleSet;
  /** The first-group jury's decision, if any: it decides who may choose (art. D643-22). */
  readonly juryDecision?: JuryDecision<FirstGroupOutcome> | null;
  /** The pilot académie holds the candidate's result back (withhold-result.ts). */
  readonly resultWithheld?: boolean;
}

export type ChoiceEntryDecision =
  | { readonly ok: true; readonly channel: Channel; readonly tests: readonly [ExamTest, ExamTest] }
  | Refused<ChoiceEntryRefusal>;

export type ChoiceEntryRefusal =
  | { readonly code: 'WINDOW_NOT_OPEN'; readonly opensAt: Date }
  | { readonly code: 'WINDOW_CLOSED'; readonly closedAt: Date }
  | { readonly code: 'CHANNEL_NOT_ALLOWED'; readonly channel: ChoiceRefusal }
  | { readonly code: 'RESULT_WITHHELD' }
  | { readonly code: 'NOT_ELIGIBLE_FOR_CONTROL' }
  | { readonly code: 'INVALID_CHOICE'; readonly choice: InvalidChoice };

/**
 * Whether a choice of control tests may be recorded now, by this actor.
 *
 * The order of the checks is part of the rule: the window comes first, so
 * that before the first-group results are published (the window opens no
 * earlier, see buildCalendar) a refusal never reveals whether the candidate
 * is allowed to the control. The channel comes before eligibility for the
 * same reason: a school refused for an individual candidate learns nothing
 * of the candidate's outcome. A result held back comes before eligibility:
 * whoever may enter the choice learns that it is held, which the candidate
 * space says anyway, and nothing of the outcome behind it.
 */
export function decideChoiceEntry(input: ChoiceEntryInput): ChoiceEntryDecision {
  const window = choiceWindow(input.calendar, input.specialtyCode);
  const state = windowState(window, input.at);
  if (state === 'NOT_OPEN') return refuse({ code: 'WINDOW_NOT_OPEN', opensAt: window.opensAt });
  if (state === 'CLOSED') return refuse({ code: 'WINDOW_CLOSED', closedAt: window.closesAt });

  const permission = mayEnterChoice(input.subject, input.actor);
  if (!permission.ok)
    return refuse({ code: 'CHANNEL_NOT_ALLOWED', channel: permission.refusal.code });
  if (input.resultWithheld === true) return refuse({ code: 'RESULT_WITHHELD' });

  const choice = allowedChoice(input);
  if (!choice.ok) return choice;
  return { ok: true, channel: permission.channel, tests: choice.tests };
}
