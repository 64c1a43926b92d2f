export type { Academy } from './academies.ts';
export { ACADEMIES, PILOT_ACADEMY_CODE, academyByCode, isAcademyCode } from './academies.ts';
export type { Specialty } from './exam-structures.ts';
export {
  MCO_STRUCTURE,
  NDRC_STRUCTURE,
  SIO_STRUCTURE,
  SPECIALTIES,
  specialtyByCode,
} from './exam-structures.ts';
export { validateExamStructure } from './validate-exam-structure.ts';
export {
  type SkillBlockProblem,
  type SkillBlockProblemCode,
  skillBlockProblems,
} from './validate-skill-blocks.ts';
export { type BlockUnitRow, gatherSkillBlocks } from './gather-skill-blocks.ts';
