import { type ReasonRefusal, statedReason } from '../stated-reason.ts';
import { type Refused, refuse } from '../errors.ts';
import type { JuryStage } from './apply-jury-decision.ts';

export const MAX_JURY_REASON_LENGTH = 2000;

export type JuryDecisionInvalidity =
  | ReasonRefusal
  | { readonly code: 'OUTCOME_NOT_FOR_STAGE'; readonly stage: JuryStage; readonly outcome: string };

export type JuryDecisionValidation =
  | {
      readonly ok: true;
      readonly stage: JuryStage;
      readonly outcome: string;
      readonly reason: string;
    }
  | Refused<JuryDecisionInvalidity>;

/** The outcomes a jury may pronounce at each stage, in the order the minutes count them. */
export const JURY_STAGE_OUTCOMES: Readonly<Record<JuryStage, readonly string[]>> = {
  // The first-group jury may also allow a candidate to the control (art. D643-15).
  FIRST_GROUP: ['ADMITTED', 'CONTROL_ALLOWED', 'FAILED'],
  // After the control there are only two outcomes: admis or ajourné.
  FINAL: ['ADMITTED', 'FAILED'],
};

/**
 * A jury decision must say why (its reason is the trace of a sovereign
 * decision that departs from the rules), and name an outcome that exists
 * at its stage.
 */
export function validateJuryDecision(input: {
  readonly stage: JuryStage;
  readonly outcome: string;
  readonly reason: string;
}): JuryDecisionValidation {
  const stated = statedReason(input.reason, MAX_JURY_REASON_LENGTH);
  if (!stated.ok) return stated;
  const { reason } = stated;
  if (!JURY_STAGE_OUTCOMES[input.stage].includes(input.outcome))
    return refuse({ code: 'OUTCOME_NOT_FOR_STAGE', stage: input.stage, outcome: input.outcome });
  return { ok: true, stage: input.stage, outcome: input.outcome, reason };
}
