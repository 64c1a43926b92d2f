import { DomainInputError } from '../errors.ts';
import { countedCoefficient } from '../marks/averages.ts';
import type { ExamStructure, SkillBlock } from '../marks/exam-structure.ts';
import { type Fraction, reachesHundredths, truncateToHundredths } from '../marks/fraction.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import {
  type TestResult,
  type WeightedResult,
  checkCandidateMarks,
  combineResults,
  keptTestResult,
  resolveEntry,
} from '../marks/test-result.ts';

/** A block is acquired with a mark of at least 10 (art. D643-15), compared exactly. */
export const BLOCK_ACQUIRED_HUNDREDTHS = 1000;

export interface SkillBlockResult {
  readonly block: SkillBlock;
  /**
   * The block's result, its units weighed by their coefficients as a test's
   * parts are (marks/test-result.ts): a unit missed without justification
   * makes it absent, an exempted unit leaves both sums, a justified absence
   * counts 0, a bénéfice counts as a mark.
   */
  readonly result: TestResult;
  /** Its mark truncated to the hundredth (as averages are shown); null without one. */
  readonly hundredths: number | null;
  readonly acquired: boolean;
}

/** What the control orals left: each retaken test's kept mark (ControlTestOutcome). */
export interface KeptControlMark {
  readonly testCode: string;
  readonly kept: Fraction;
}

/**
 * Each skill block's mark as the candidate's marks stand after the second
 * group: a test retaken at a control oral counts its kept mark (the better
 * of the two), as the final average does. Exact; acquired at 10.
 */
export function skillBlockResults(
  structure: ExamStructure,
  marks: CandidateMarks,
  control: readonly KeptControlMark[] = [],
): readonly SkillBlockResult[] {
  checkCandidateMarks(structure, marks);
  const kept = new Map(control.map((c) => [c.testCode, c.kept] as const));
  return structure.blocks.map((block) => {
    const result = combineResults(block.units.map((u) => unitResult(structure, u, marks, kept)));
    const counted = result.kind === 'COUNTED';
    return {
      block,
      result,
      hundredths: counted ? truncateToHundredths(result.value) : null,
      acquired: counted && reachesHundredths(result.value, BLOCK_ACQUIRED_HUNDREDTHS),
    };
  });
}

/** The blocks acquired, in code order: what the certificate of skill blocks certifies. */
export function acquiredBlocks(
  structure: ExamStructure,
  marks: CandidateMarks,
  control: readonly KeptControlMark[] = [],
): readonly SkillBlockResult[] {
  return skillBlockResults(structure, marks, control).filter((b) => b.acquired);
}

function unitResult(
  structure: ExamStructure,
  unit: string,
  marks: CandidateMarks,
  kept: ReadonlyMap<string, Fraction>,
): WeightedResult {
  for (const test of structure.tests) {
    if (test.code === unit)
      return {
        coefficient: countedCoefficient(test, marks),
        result: keptTestResult(test, marks, kept),
      };
    const part = test.parts.find((p) => p.code === unit);
    if (part === undefined) continue;
    const coefficient = BigInt(part.coefficientHundredths);
    if (!marks.has(test.code)) return { coefficient, result: resolveEntry(part.code, marks) };
    // A status on the whole test is each part's; a mark on it does not
    // tell one part's mark, which is never guessed.
    const whole = resolveEntry(test.code, marks);
    const guessed = whole.kind === 'COUNTED' && whole.status !== 'ABSENT_JUSTIFIED';
    return {
      coefficient,
      result: guessed ? { kind: 'MISSING', missingCodes: [part.code] } : whole,
    };
  }
  // validateExamStructure refuses such a block before any mark is read.
  throw new DomainInputError(
    'UNKNOWN_TEST',
    `L’épreuve ${unit} d’un bloc de compétences n’existe pas dans la spécialité ${structure.specialtyCode}.`,
    [unit],
  );
}
