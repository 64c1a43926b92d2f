import { computeAverages } from '../marks/averages.ts';
import { DomainInputError } from '../errors.ts';
import type { ExamStructure } from '../marks/exam-structure.ts';
import {
  type Fraction,
  ZERO,
  compare,
  fromHundredths,
  max,
  reachesHundredths,
} from '../marks/fraction.ts';
import { type FirstGroupEvaluation, decideFirstGroup } from '../marks/first-group-outcome.ts';
import { type CandidateMarks, isValidHundredths } from '../marks/mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import { resolveTestResult } from '../marks/test-result.ts';
import { validateControlChoice } from './validate-control-choice.ts';

/** The mark of one control oral: a mark /20 in hundredths, or absent. */
export type ControlMarkEntry =
  { readonly status: 'MARK'; readonly hundredths: number } | { readonly status: 'ABSENT' };

export type FinalOutcome = 'ADMITTED' | 'FAILED';

export type FinalReason =
  | 'OVERALL_AT_LEAST_10'
  | 'OVERALL_BELOW_10'
  /** Allowed to the control, but no choice was entered: no oral was taken. */
  | 'NO_CONTROL_TAKEN'
  /** Absent from a control oral under the 'FAIL' policy. */
  | 'ABSENT_AT_CONTROL';

export interface ControlTestOutcome {
  readonly testCode: string;
  /** The first-group mark of the whole test (0 for a justified absence). */
  readonly firstGroup: Fraction;
  readonly control: ControlMarkEntry;
  /** The better of the two: what counts in the final average. */
  readonly kept: Fraction;
  /** True when the control mark is strictly better and replaced the first-group mark. */
  readonly improved: boolean;
}

export type FinalEvaluation =
  /** The candidate was not allowed to the control: their outcome is the first group's. */
  | { readonly status: 'NOT_APPLICABLE'; readonly firstGroup: FirstGroupEvaluation }
  | { readonly status: 'PENDING'; readonly missingControlMarks: readonly string[] }
  | {
      readonly status: 'DECIDED';
      readonly outcome: FinalOutcome;
      readonly reason: FinalReason;
      readonly overallAverage: Fraction;
      readonly professionalAverage: Fraction | null;
      readonly tests: readonly ControlTestOutcome[];
    };

export interface FinalOutcomeInput {
  readonly structure: ExamStructure;
  readonly firstGroupMarks: CandidateMarks;
  /** The two chosen test codes, or null when no choice was entered. */
  readonly chosenTestCodes: readonly [string, string] | null;
  readonly controlMarks: ReadonlyMap<string, ControlMarkEntry>;
  readonly policy?: RuleSet;
}

/**
 * The outcome after the control orals: for each chosen test the better of
 * the first-group and control marks counts, with the test's own coefficient;
 * an overall average of at least 10 admits (art. D643-15).
 */
export function finalOutcome(input: FinalOutcomeInput): FinalEvaluation {
  const policy = input.policy ?? NATIONAL_RULES;
  const firstAverages = computeAverages(input.structure, input.firstGroupMarks, policy);
  const firstGroup = decideFirstGroup(firstAverages, policy);
  if (firstGroup.status !== 'DECIDED' || firstGroup.outcome !== 'CONTROL_ALLOWED') {
    return { status: 'NOT_APPLICABLE', firstGroup };
  }
  if (input.chosenTestCodes === null) {
    return {
      status: 'DECIDED',
      outcome: 'FAILED',
      reason: 'NO_CONTROL_TAKEN',
      overallAverage: firstGroup.overallAverage,
      professionalAverage: firstGroup.professionalAverage,
      tests: [],
    };
  }

  const stage = controlOrals(input, input.chosenTestCodes);
  if (stage.status === 'PENDING') return stage;
  const { tests, replacements, absentAtControl } = stage;

  const averages = computeAverages(input.structure, input.firstGroupMarks, policy, replacements);
  // Cannot be null: the first group was decided on a non-empty average.
  const overall = averages.overall ?? firstGroup.overallAverage;
  const decided = (outcome: FinalOutcome, reason: FinalReason): FinalEvaluation => ({
    status: 'DECIDED',
    outcome,
    reason,
    overallAverage: overall,
    professionalAverage: averages.professional,
    tests,
  });
  if (absentAtControl && policy.absentAtControlOral === 'FAIL')
    return decided('FAILED', 'ABSENT_AT_CONTROL');
  return reachesHundredths(overall, policy.thresholds.admittedHundredths)
    ? decided('ADMITTED', 'OVERALL_AT_LEAST_10')
    : decided('FAILED', 'OVERALL_BELOW_10');
}

/** The orals of a candidate allowed to the control: best-of per chosen test, once every mark is in. */
export type ControlOrals =
  | { readonly status: 'PENDING'; readonly missingControlMarks: readonly string[] }
  | {
      readonly status: 'MARKED';
      readonly tests: readonly ControlTestOutcome[];
      /** The kept value of each chosen test, for computeAverages. */
      readonly replacements: ReadonlyMap<string, Fraction>;
      readonly absentAtControl: boolean;
    };

/**
 * The chosen tests' control marks, each against its first-group mark: the
 * better counts. Shared by the computed final outcome and the one after a
 * jury decision, so that best-of is written once.
 */
export function controlOrals(
  input: Pick<FinalOutcomeInput, 'structure' | 'firstGroupMarks' | 'controlMarks'>,
  chosenTestCodes: readonly [string, string],
): ControlOrals {
  // A stored choice was validated when entered; checking again keeps a
  // professional or duplicate code from ever reaching the averages.
  const validation = validateControlChoice(input.structure, input.firstGroupMarks, chosenTestCodes);
  if (!validation.ok) {
    throw new DomainInputError('INVALID_CONTROL_CHOICE', validation.refusal.message, [
      validation.refusal.code,
    ]);
  }

  const missing = chosenTestCodes.filter((code) => !input.controlMarks.has(code));
  if (missing.length > 0) return { status: 'PENDING', missingControlMarks: missing };

  const tests: ControlTestOutcome[] = [];
  const replacements = new Map<string, Fraction>();
  let absentAtControl = false;
  for (const code of chosenTestCodes) {
    const test = input.structure.tests.find((t) => t.code === code);
    if (test === undefined) {
      throw new DomainInputError(
        'UNKNOWN_TEST',
        `L’épreuve ${code} n’existe pas dans cette spécialité.`,
        [code],
      );
    }
    const control = input.controlMarks.get(code) as ControlMarkEntry;
    if (control.status === 'MARK' && !isValidHundredths(control.hundredths)) {
      throw new DomainInputError(
        'INVALID_MARK',
        `La note de contrôle de ${code} doit être comprise entre 0 et 20.`,
        [`${code}: ${control.hundredths}`],
      );
    }
    const result = resolveTestResult(test, input.firstGroupMarks);
    const first = result.kind === 'COUNTED' ? result.value : ZERO;
    const controlValue = control.status === 'MARK' ? fromHundredths(control.hundredths) : null;
    if (controlValue === null) absentAtControl = true;
    const kept = controlValue === null ? first : max(first, controlValue);
    tests.push({
      testCode: code,
      firstGroup: first,
      control,
      kept,
      improved: compare(kept, first) > 0,
    });
    replacements.set(code, kept);
  }

  return { status: 'MARKED', tests, replacements, absentAtControl };
}
