import { type Refused, refuse } from '../errors.ts';
import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import type { JuryDecision } from '../jury/apply-jury-decision.ts';
import { decidedFirstGroup } from '../jury/decided-outcome.ts';
import { type InvalidChoice, validateControlChoice } from './validate-control-choice.ts';

export type AllowedChoiceRefusal =
  | { readonly code: 'NOT_ELIGIBLE_FOR_CONTROL' }
  | { readonly code: 'INVALID_CHOICE'; readonly choice: InvalidChoice };

/**
 * The rule every choice follows, whoever enters it and whenever: the
 * candidate is allowed to the control after the jury (art. D643-22), and the
 * two tests make a valid choice.
 */
export function allowedChoice(input: {
  readonly structure: ExamStructure;
  readonly marks: CandidateMarks;
  readonly testCodes: readonly string[];
  readonly policy?: RuleSet;
  readonly juryDecision?: JuryDecision<FirstGroupOutcome> | null;
}):
  | { readonly ok: true; readonly tests: readonly [ExamTest, ExamTest] }
  | Refused<AllowedChoiceRefusal> {
  const first = decidedFirstGroup(
    input.structure,
    input.marks,
    input.policy ?? NATIONAL_RULES,
    input.juryDecision ?? null,
  );
  if (first?.outcome !== 'CONTROL_ALLOWED') return refuse({ code: 'NOT_ELIGIBLE_FOR_CONTROL' });
  const validation = validateControlChoice(input.structure, input.marks, input.testCodes);
  if (!validation.ok) return refuse({ code: 'INVALID_CHOICE', choice: validation.refusal });
  return { ok: true, tests: validation.tests };
}
