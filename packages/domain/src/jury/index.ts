export {
  type JuryDecision,
  type JuryOutcomeOf,
  type JuryStage,
  type WithJuryDecision,
  applyJuryDecision,
} from './apply-jury-decision.ts';
export {
  type JuryDecisionInvalidity,
  type JuryDecisionValidation,
  JURY_STAGE_OUTCOMES,
  MAX_JURY_REASON_LENGTH,
  validateJuryDecision,
} from './validate-jury-decision.ts';
export {
  type DecidedFinal,
  type DecidedFinalInput,
  type DecidedFirstGroup,
  decidedFinal,
  decidedFirstGroup,
  standingOutcome,
} from './decided-outcome.ts';
export {
  WITHHOLDING_REASON_MAX_LENGTH,
  type WithholdingRefusal,
  heldBack,
  publicationUnlessWithheld,
  withholdingReason,
  withholdingRefusalText,
} from './withhold-result.ts';
export {
  type PreparationCandidate,
  type PreparationFlag,
  type PreparationRow,
  type PreparationStage,
  juryPreparation,
  preparationFlagText,
} from './jury-preparation.ts';
export {
  JURY_MAX_MEMBERS,
  JURY_NAME_MAX_LENGTH,
  type JuryComposition,
  type JuryCompositionRefusal,
  juryComposition,
  juryCompositionRefusalText,
} from './jury-composition.ts';
export {
  type MinutesCounts,
  type MinutesLine,
  decidedLine,
  juryDiffers,
  minutesCounts,
} from './jury-minutes.ts';
