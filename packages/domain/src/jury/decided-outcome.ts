import {
  type ControlTestOutcome,
  type FinalOutcome,
  type FinalOutcomeInput,
  controlOrals,
} from '../control/final-outcome.ts';
import { type Averages, computeAverages } from '../marks/averages.ts';
import type { ExamStructure } from '../marks/exam-structure.ts';
import { type Fraction, reachesHundredths } from '../marks/fraction.ts';
import {
  type FirstGroupOutcome,
  type FirstGroupReason,
  decideFirstGroup,
} from '../marks/first-group-outcome.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import { applyJuryDecision, type JuryDecision } from './apply-jury-decision.ts';

/**
 * A candidate's first-group outcome after the jury: THE outcome, for every
 * purpose (who may choose, who is planned, what filters and counts say).
 */
export interface DecidedFirstGroup {
  readonly outcome: FirstGroupOutcome;
  /** What the rules computed; null when they could not (a mark is missing) and the jury decided. */
  readonly computedOutcome: FirstGroupOutcome | null;
  /** Which rule decided the computed outcome; null when there is none. */
  readonly reason: FirstGroupReason | null;
  readonly juryDecision: JuryDecision<FirstGroupOutcome> | null;
  /** Null when it cannot be computed (a mark is missing): shown « non calculable ». */
  readonly overallAverage: Fraction | null;
  readonly professionalAverage: Fraction | null;
  /** Each test's result, for the transcript. */
  readonly averages: Averages;
}

/**
 * The first-group outcome after the jury (Code de l'éducation, art.
 * D643-22: the jury deliberates and decides). The rules compute first; the
 * jury's decision then replaces their outcome, and stands even where they
 * could not compute one (a mark missing): the averages are then null, not
 * guessed. Null: no outcome yet (a mark is missing and the jury has not
 * decided).
 */
export function decidedFirstGroup(
  structure: ExamStructure,
  marks: CandidateMarks,
  policy: RuleSet = NATIONAL_RULES,
  juryDecision: JuryDecision<FirstGroupOutcome> | null = null,
): DecidedFirstGroup | null {
  const averages = computeAverages(structure, marks, policy);
  const computed = decideFirstGroup(averages, policy);
  if (computed.status === 'DECIDED') {
    const decided = applyJuryDecision(computed, juryDecision);
    return {
      outcome: decided.outcome,
      computedOutcome: decided.computedOutcome,
      reason: computed.reason,
      juryDecision,
      overallAverage: computed.overallAverage,
      professionalAverage: computed.professionalAverage,
      averages,
    };
  }
  if (juryDecision === null) return null;
  return {
    outcome: juryDecision.outcome,
    computedOutcome: null,
    reason: null,
    juryDecision,
    overallAverage: null,
    professionalAverage: null,
    averages,
  };
}

export interface DecidedFinalInput extends FinalOutcomeInput {
  readonly juryDecisions: {
    readonly firstGroup: JuryDecision<FirstGroupOutcome> | null;
    readonly final: JuryDecision<FinalOutcome> | null;
  };
}

/** A candidate's final result after both juries: THE final outcome. */
export interface DecidedFinal {
  readonly outcome: FinalOutcome;
  /** Before the final jury decision (the first-group jury's included); null when not computable. */
  readonly computedOutcome: FinalOutcome | null;
  readonly juryDecision: JuryDecision<FinalOutcome> | null;
  /** The first group after its jury. */
  readonly firstGroup: DecidedFirstGroup;
  /** After the control (best-of) when taken, else the first group's; null when not computable. */
  readonly overallAverage: Fraction | null;
  /** The control orals taken, best-of per chosen test; empty without a control. */
  readonly tests: readonly ControlTestOutcome[];
}

interface Computed {
  readonly outcome: FinalOutcome | null;
  readonly overallAverage: Fraction | null;
  readonly tests: readonly ControlTestOutcome[];
}

/** The final outcome the rules give from the first group after its jury, or null while pending. */
function computeFinal(input: DecidedFinalInput, first: DecidedFirstGroup): Computed | null {
  const policy = input.policy ?? NATIONAL_RULES;
  // Not allowed to the control: the first group's outcome is the final one.
  if (first.outcome !== 'CONTROL_ALLOWED')
    return { outcome: first.outcome, overallAverage: first.overallAverage, tests: [] };
  // Allowed, but no choice entered: no oral taken, ajourné.
  if (input.chosenTestCodes === null)
    return { outcome: 'FAILED', overallAverage: first.overallAverage, tests: [] };
  const orals = controlOrals(input, input.chosenTestCodes);
  if (orals.status === 'PENDING') return null;
  const averages = computeAverages(
    input.structure,
    input.firstGroupMarks,
    policy,
    orals.replacements,
  );
  // A first-group mark still missing: the rules cannot say (the jury may).
  if (averages.missing.length > 0 || averages.overall === null)
    return { outcome: null, overallAverage: null, tests: orals.tests };
  const failed =
    // The jury may allow to the control despite an unjustified absence; one
    // left standing still forbids the diploma (art. D643-15).
    averages.unjustifiedAbsences.length > 0 ||
    (orals.absentAtControl && policy.absentAtControlOral === 'FAIL') ||
    !reachesHundredths(averages.overall, policy.thresholds.admittedHundredths);
  return {
    outcome: failed ? 'FAILED' : 'ADMITTED',
    overallAverage: averages.overall,
    tests: orals.tests,
  };
}

/**
 * The final outcome after the control and the juries: the first group's
 * outcome after its jury decides who took the control (a candidate the
 * jury allowed to it is deliberated on the orals whatever the computed
 * outcome); best-of per chosen test (finalOutcome's rule); then the final
 * jury's decision replaces the outcome (art. D643-22), even where the rules
 * could not compute one. Null: no final outcome yet (nor a first-group one).
 */
export function decidedFinal(input: DecidedFinalInput): DecidedFinal | null {
  const policy = input.policy ?? NATIONAL_RULES;
  const firstGroup = decidedFirstGroup(
    input.structure,
    input.firstGroupMarks,
    policy,
    input.juryDecisions.firstGroup,
  );
  // The final deliberation starts from the first group's outcome after its
  // jury: without one there is nothing to deliberate on yet.
  if (firstGroup === null) return null;
  const computed = computeFinal(input, firstGroup);
  const jury = input.juryDecisions.final;
  const computedOutcome = computed?.outcome ?? null;
  if (computedOutcome === null && jury === null) return null;
  return {
    outcome: jury?.outcome ?? (computedOutcome as FinalOutcome),
    computedOutcome,
    juryDecision: jury,
    firstGroup,
    overallAverage: computed?.overallAverage ?? null,
    tests: computed?.tests ?? [],
  };
}

/**
 * The outcome as it stands once published: the final one when there is
 * one, else the first group's (both after their juries); null when none
 * is. What the public list of admitted candidates and the attestation de
 * réussite rest on.
 */
export function standingOutcome(
  firstGroup: DecidedFirstGroup | null,
  final: DecidedFinal | null,
): FinalOutcome | FirstGroupOutcome | null {
  return final?.outcome ?? firstGroup?.outcome ?? null;
}
