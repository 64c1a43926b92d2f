import { describe, expect, it } from 'vitest';
import { gen, opt, part, pro, structure, withParts } from '../../test/fixtures.ts';
import type { SkillBlock } from '../marks/exam-structure.ts';
import { gatherSkillBlocks } from './gather-skill-blocks.ts';
import { validateExamStructure } from './validate-exam-structure.ts';
import { type SkillBlockProblemCode, skillBlockProblems } from './validate-skill-blocks.ts';

const TESTS = [
  gen('E1', 300),
  withParts('E2', 'GENERAL', [part('E21', 150), part('E22', 150)]),
  withParts('E4', 'PROFESSIONAL', [part('E41', 300), part('E42', 300)]),
  pro('E5', 300),
  opt('EF1', 100),
];
const block = (code: string, ...units: string[]): SkillBlock => ({
  code,
  name: `Bloc ${code}`,
  units,
});
const withBlocks = (...blocks: SkillBlock[]) => structure(TESTS, 'X', blocks);

describe('skill blocks of an exam structure', () => {
  it('accepts blocks of whole tests and of parts, and no block at all', () => {
    const sound = withBlocks(block('B1', 'E41'), block('B2', 'E42', 'E5'), block('B3', 'E1', 'E2'));
    expect(skillBlockProblems(sound)).toEqual([]);
    expect(validateExamStructure(sound)).toEqual([]);
    expect(skillBlockProblems(withBlocks())).toEqual([]);
  });

  it.each<[string, SkillBlock[], SkillBlockProblemCode, RegExp]>([
    ['an empty code', [block(' ', 'E1')], 'BLOCK_CODE_EMPTY', /code vide/],
    [
      'an empty name',
      [{ code: 'B1', name: ' ', units: ['E1'] }],
      'BLOCK_NAME_EMPTY',
      /Bloc B1 : nom vide/,
    ],
    [
      'a code used twice',
      [block('B1', 'E1'), block('B1', 'E5')],
      'BLOCK_CODE_DUPLICATE',
      /Bloc B1 : le code est déjà utilisé/,
    ],
    ['a block of nothing', [block('B1')], 'BLOCK_WITHOUT_UNIT', /ne couvre aucune épreuve/],
    ['an unknown unit', [block('B1', 'E9')], 'BLOCK_UNKNOWN_UNIT', /l’épreuve E9 n’existe pas/],
    [
      'a unit in two blocks',
      [block('B1', 'E5'), block('B2', 'E5')],
      'BLOCK_UNIT_TWICE',
      /Bloc B2 : l’épreuve E5 appartient déjà au bloc B1/,
    ],
    [
      'an optional test',
      [block('B1', 'EF1')],
      'BLOCK_OPTIONAL_TEST',
      /l’épreuve facultative EF1 ne peut pas former un bloc/,
    ],
    [
      'a test and one of its parts',
      [block('B1', 'E4'), block('B2', 'E41')],
      'BLOCK_TEST_AND_PART',
      /Épreuve E4 : elle et ses sous-épreuves/,
    ],
    [
      'a test open to control split by parts',
      [block('B1', 'E21'), block('B2', 'E22')],
      'BLOCK_CONTROL_TEST_SPLIT',
      /Épreuve E2 : ouverte à l’épreuve de contrôle/,
    ],
  ])('refuses %s, by code and in French', (_name, blocks, code, message) => {
    const problems = skillBlockProblems(withBlocks(...blocks));
    expect(problems.map((p) => p.code)).toContain(code);
    expect(validateExamStructure(withBlocks(...blocks)).some((m) => message.test(m))).toBe(true);
  });

  it('gathers blocks from one row per unit, in natural code order, and refuses a block named two ways', () => {
    const rows = [
      { unit: 'E1', block: 'B10', blockName: 'Dix' },
      { unit: 'E41', block: 'B2', blockName: 'Deux' },
      { unit: 'E5', block: 'B2', blockName: 'Deux' },
    ];
    expect(gatherSkillBlocks(rows)).toEqual({
      blocks: [
        { code: 'B2', name: 'Deux', units: ['E41', 'E5'] },
        { code: 'B10', name: 'Dix', units: ['E1'] },
      ],
      problems: [],
    });
    const named = gatherSkillBlocks([...rows, { unit: 'E42', block: 'B2', blockName: 'Autre' }]);
    expect(named.problems).toEqual([
      { code: 'BLOCK_NAMED_TWICE', message: 'Bloc B2 : nommé « Deux » puis « Autre ».' },
    ]);
  });
});
