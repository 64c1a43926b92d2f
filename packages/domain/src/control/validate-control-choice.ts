import { type Refused, refuse } from '../errors.ts';
import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import { type IneligibilityReason, ineligibilityOf } from './eligible-control-tests.ts';

/** Exactly two oral interrogations (art. D643-15). */
export const CONTROL_TEST_COUNT = 2;

export type InvalidChoiceReason =
  'WRONG_COUNT' | 'DUPLICATE_TEST' | 'UNKNOWN_TEST' | 'TEST_PART' | IneligibilityReason;

export interface InvalidChoice {
  readonly code: InvalidChoiceReason;
  /** The offending code, when one test is at fault. */
  readonly testCode: string | null;
  /** French, for people. */
  readonly message: string;
}

export type ChoiceValidation =
  { readonly ok: true; readonly tests: readonly [ExamTest, ExamTest] } | Refused<InvalidChoice>;

const MESSAGES: Record<InvalidChoiceReason, (code: string) => string> = {
  WRONG_COUNT: () => 'Il faut choisir exactement deux épreuves.',
  DUPLICATE_TEST: (c) =>
    `L’épreuve ${c} est choisie deux fois : les deux épreuves doivent être différentes.`,
  UNKNOWN_TEST: (c) => `L’épreuve ${c} n’existe pas dans cette spécialité.`,
  TEST_PART: (c) => `${c} est une sous-épreuve : choisissez l’épreuve entière.`,
  NOT_GENERAL_DOMAIN: (c) =>
    `L’épreuve ${c} relève du domaine professionnel : seules les épreuves du domaine général peuvent être choisies.`,
  NOT_CONTROL_ELIGIBLE: (c) =>
    `L’épreuve ${c} ne peut pas faire l’objet d’une épreuve de contrôle.`,
  OPTIONAL_TEST: (c) => `L’épreuve ${c} est facultative : elle ne peut pas être choisie.`,
  EXEMPT_TEST: (c) => `Vous êtes dispensé de l’épreuve ${c} : elle ne peut pas être choisie.`,
};

function invalid(reason: InvalidChoiceReason, testCode: string | null): ChoiceValidation {
  return refuse({ code: reason, testCode, message: MESSAGES[reason](testCode ?? '') });
}

/**
 * Checks a choice of control tests: exactly two different tests of the
 * general domain, eligible for control, not exempted, whole tests only.
 * Codes are matched exactly (programs send the codes the API lists).
 */
export function validateControlChoice(
  structure: ExamStructure,
  marks: CandidateMarks,
  testCodes: readonly string[],
): ChoiceValidation {
  if (testCodes.length !== CONTROL_TEST_COUNT) return invalid('WRONG_COUNT', null);
  const [first, second] = testCodes as readonly [string, string];
  if (first === second) return invalid('DUPLICATE_TEST', first);

  const chosen: ExamTest[] = [];
  for (const code of [first, second]) {
    const test = structure.tests.find((t) => t.code === code);
    if (test === undefined) {
      const isPart = structure.tests.some((t) => t.parts.some((p) => p.code === code));
      return invalid(isPart ? 'TEST_PART' : 'UNKNOWN_TEST', code);
    }
    const reason = ineligibilityOf(test, marks);
    if (reason !== null) return invalid(reason, code);
    chosen.push(test);
  }
  // Keep the structure's order, so a choice reads the same however it was typed.
  chosen.sort((a, b) => structure.tests.indexOf(a) - structure.tests.indexOf(b));
  return { ok: true, tests: chosen as unknown as readonly [ExamTest, ExamTest] };
}
