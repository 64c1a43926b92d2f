import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';

export type SkillBlockProblemCode =
  | 'BLOCK_CODE_EMPTY'
  | 'BLOCK_NAME_EMPTY'
  | 'BLOCK_CODE_DUPLICATE'
  | 'BLOCK_NAMED_TWICE'
  | 'BLOCK_WITHOUT_UNIT'
  | 'BLOCK_UNKNOWN_UNIT'
  | 'BLOCK_UNIT_TWICE'
  | 'BLOCK_OPTIONAL_TEST'
  | 'BLOCK_TEST_AND_PART'
  | 'BLOCK_CONTROL_TEST_SPLIT';

/** A problem of a structure's skill blocks: `code` for programs, `message` in French. */
export interface SkillBlockProblem {
  readonly code: SkillBlockProblemCode;
  readonly message: string;
}

/**
 * Every problem of a structure's blocs de compétences (empty when sound).
 * A block's mark is read from its units' marks (certificates/skill-blocks.ts),
 * so each unit must be one the candidate is marked on, and counted once.
 */
export function skillBlockProblems(s: ExamStructure): SkillBlockProblem[] {
  const problems: SkillBlockProblem[] = [];
  const add = (code: SkillBlockProblemCode, message: string) => problems.push({ code, message });
  const testOf = new Map<string, { test: ExamTest; whole: boolean }>();
  for (const test of s.tests) {
    testOf.set(test.code, { test, whole: true });
    for (const p of test.parts) testOf.set(p.code, { test, whole: false });
  }

  const blockCodes = new Set<string>();
  const blockOfUnit = new Map<string, string>();
  const covered = new Map<string, { whole: boolean; parts: number }>();
  for (const block of s.blocks) {
    const what = `Bloc ${block.code}`;
    if (block.code.trim() === '') add('BLOCK_CODE_EMPTY', 'Bloc de compétences : code vide.');
    else if (blockCodes.has(block.code))
      add('BLOCK_CODE_DUPLICATE', `${what} : le code est déjà utilisé par un autre bloc.`);
    blockCodes.add(block.code);
    if (block.name.trim() === '') add('BLOCK_NAME_EMPTY', `${what} : nom vide.`);
    if (block.units.length === 0)
      add('BLOCK_WITHOUT_UNIT', `${what} : il ne couvre aucune épreuve.`);
    for (const unit of block.units) {
      const found = testOf.get(unit);
      if (found === undefined) {
        add('BLOCK_UNKNOWN_UNIT', `${what} : l’épreuve ${unit} n’existe pas dans la spécialité.`);
        continue;
      }
      const other = blockOfUnit.get(unit);
      if (other !== undefined) {
        add('BLOCK_UNIT_TWICE', `${what} : l’épreuve ${unit} appartient déjà au bloc ${other}.`);
        continue;
      }
      blockOfUnit.set(unit, block.code);
      // Optional tests count only by their points above 10: they certify nothing.
      if (found.test.optional)
        add(
          'BLOCK_OPTIONAL_TEST',
          `${what} : l’épreuve facultative ${found.test.code} ne peut pas former un bloc.`,
        );
      const seen = covered.get(found.test.code) ?? { whole: false, parts: 0 };
      covered.set(
        found.test.code,
        found.whole ? { ...seen, whole: true } : { ...seen, parts: seen.parts + 1 },
      );
    }
  }

  for (const test of s.tests) {
    const seen = covered.get(test.code);
    if (seen === undefined || seen.parts === 0) continue;
    // The test's mark is its parts' average: counting both would count it twice.
    if (seen.whole)
      add(
        'BLOCK_TEST_AND_PART',
        `Épreuve ${test.code} : elle et ses sous-épreuves ne peuvent pas appartenir toutes deux à des blocs.`,
      );
    // The control oral marks the test as a whole, and its mark replaces the
    // whole test's: it says nothing of one part.
    else if (test.controlEligible)
      add(
        'BLOCK_CONTROL_TEST_SPLIT',
        `Épreuve ${test.code} : ouverte à l’épreuve de contrôle, elle forme un bloc entière, pas par sous-épreuve.`,
      );
  }
  return problems;
}
