import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { FinalOutcome } from '../control/final-outcome.ts';

/** The two deliberations a jury may overrule: the first group's, and the final one. */
export type JuryStage = 'FIRST_GROUP' | 'FINAL';

export type JuryOutcomeOf<S extends JuryStage> = S extends 'FIRST_GROUP'
  ? FirstGroupOutcome
  : FinalOutcome;

export interface JuryDecision<O extends string = string> {
  readonly outcome: O;
  /** Why the jury departed from (or confirmed) the computed outcome; never blank. */
  readonly reason: string;
  readonly decidedAt: Date;
  /** The identifier of the account that recorded the decision. */
  readonly decidedBy: string;
}

export type WithJuryDecision<E extends { readonly outcome: string }> = E & {
  /** The outcome the rules computed, kept so that an override is never silent. */
  readonly computedOutcome: E['outcome'];
  readonly juryDecision: JuryDecision<E['outcome']> | null;
};

/**
 * The jury is sovereign (Code de l'éducation, art. D643-22: the jury
 * deliberates and decides): its decision replaces the computed outcome, and
 * is applied after the rules have computed, so that recomputing marks can
 * never silently undo it. The computed outcome stays visible beside it.
 */
export function applyJuryDecision<E extends { readonly outcome: string }>(
  computed: E,
  decision: JuryDecision<E['outcome']> | null,
): WithJuryDecision<E> {
  return {
    ...computed,
    outcome: decision === null ? computed.outcome : decision.outcome,
    computedOutcome: computed.outcome,
    juryDecision: decision,
  };
}
