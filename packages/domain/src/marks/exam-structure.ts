/**
 * The exam structure of a specialty: its tests (épreuves), their
 * coefficients and domains. Coefficients are kept exactly, in hundredths
 * (E21 = 1,5 → 150), like marks.
 */

export type TestDomain = 'GENERAL' | 'PROFESSIONAL';

export interface TestPart {
  /** e.g. "E21" */
  readonly code: string;
  readonly name: string;
  /** Coefficient in hundredths: 1,5 → 150. */
  readonly coefficientHundredths: number;
}

export interface ExamTest {
  /** e.g. "E2" */
  readonly code: string;
  readonly name: string;
  /**
   * Coefficient in hundredths. For a test with parts it is the sum of the
   * parts' coefficients (checked by `validateExamStructure`).
   */
  readonly coefficientHundredths: number;
  readonly domain: TestDomain;
  /** Épreuve facultative: only points above 10 count (see averages). */
  readonly optional: boolean;
  /**
   * Whether the test may be chosen for an oral of the second group. Tests
   * assessed by CCF and by final exam are eligible alike (note de service du
   * 20 septembre 2024); the structure says which ones are.
   */
  readonly controlEligible: boolean;
  /** Sub-tests (E21, E22…). Empty when the test is marked as a whole. */
  readonly parts: readonly TestPart[];
  /**
   * A modern-language test: its control oral is shorter (10 min preparation
   * + 10 min oral instead of 20 + 20). Absent means false.
   */
  readonly language?: boolean;
}

/**
 * A bloc de compétences: a part of the diploma that a candidate not
 * admitted keeps, for later sessions, when its mark is at least 10 (Code de
 * l'éducation, art. D643-15). It covers test units: whole tests, or parts
 * of a test with parts (MCO: E41 and E42 are two blocks). Optional tests
 * are no block.
 */
export interface SkillBlock {
  /** e.g. "B1" */
  readonly code: string;
  /** French, as the diploma's reference names it. */
  readonly name: string;
  /** Test or part codes, in structure order. */
  readonly units: readonly string[];
}

export interface ExamStructure {
  readonly specialtyCode: string;
  readonly tests: readonly ExamTest[];
  /** In code order (B1, B2… B10); empty when the structure does not map tests to blocks. */
  readonly blocks: readonly SkillBlock[];
}
