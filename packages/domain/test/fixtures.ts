/**
 * Builders of exam structures and marks, for tests only (nothing in the
 * domain imports this file). Coefficients and marks are in hundredths, as in
 * the domain: `gen('E1', 300)` is a general test of coefficient 3.
 */
import type { ControlMarkEntry } from '../src/control/final-outcome.ts';
import type {
  ExamStructure,
  ExamTest,
  SkillBlock,
  TestDomain,
  TestPart,
} from '../src/marks/exam-structure.ts';
import { type Fraction, fraction } from '../src/marks/fraction.ts';
import type { CandidateMarks, MarkEntry } from '../src/marks/mark-entry.ts';

export interface TestOptions {
  readonly name?: string;
  readonly optional?: boolean;
  /** Defaults to true for a compulsory general test, false otherwise. */
  readonly controlEligible?: boolean;
  readonly parts?: readonly TestPart[];
}

export function part(
  code: string,
  coefficientHundredths: number,
  name = `Sous-épreuve ${code}`,
): TestPart {
  return { code, name, coefficientHundredths };
}

/** A test; with parts, its coefficient is the sum of theirs when not given. */
export function examTest(
  code: string,
  domain: TestDomain,
  coefficientHundredths: number | null,
  options: TestOptions = {},
): ExamTest {
  const parts = options.parts ?? [];
  const optional = options.optional ?? false;
  return {
    code,
    name: options.name ?? `Épreuve ${code}`,
    coefficientHundredths:
      coefficientHundredths ?? parts.reduce((sum, p) => sum + p.coefficientHundredths, 0),
    domain,
    optional,
    controlEligible: options.controlEligible ?? (domain === 'GENERAL' && !optional),
    parts,
  };
}

/** A compulsory general-domain test, eligible for control unless told otherwise. */
export function gen(
  code: string,
  coefficientHundredths: number,
  options: TestOptions = {},
): ExamTest {
  return examTest(code, 'GENERAL', coefficientHundredths, options);
}

/** A compulsory professional-domain test. */
export function pro(
  code: string,
  coefficientHundredths: number,
  options: TestOptions = {},
): ExamTest {
  return examTest(code, 'PROFESSIONAL', coefficientHundredths, options);
}

/** An optional test (épreuve facultative), never eligible for control. */
export function opt(
  code: string,
  coefficientHundredths: number,
  domain: TestDomain = 'GENERAL',
): ExamTest {
  return examTest(code, domain, coefficientHundredths, { optional: true, controlEligible: false });
}

/** A test with parts, its coefficient being the sum of the parts'. */
export function withParts(
  code: string,
  domain: TestDomain,
  parts: readonly TestPart[],
  options: TestOptions = {},
): ExamTest {
  return examTest(code, domain, null, { ...options, parts });
}

export function structure(
  tests: readonly ExamTest[],
  specialtyCode = 'TEST',
  blocks: readonly SkillBlock[] = [],
): ExamStructure {
  return { specialtyCode, tests, blocks };
}

/** BTS MCO, as in the regulations: E2 = E21 1,5 + E22 1,5 [G]; E4 = E41 3 + E42 3 [P]. Total coefficient 21. */
export const MCO: ExamStructure = structure(
  [
    gen('E1', 300, { name: 'Culture générale et expression' }),
    withParts(
      'E2',
      'GENERAL',
      [part('E21', 150, 'Langue vivante – écrit'), part('E22', 150, 'Langue vivante – oral')],
      {
        name: 'Langue vivante',
      },
    ),
    gen('E3', 300, { name: 'CEJM' }),
    withParts('E4', 'PROFESSIONAL', [part('E41', 300), part('E42', 300)], {
      name: 'Relation client',
    }),
    pro('E5', 300, { name: 'Gestion opérationnelle' }),
    pro('E6', 300, { name: 'Management de l’équipe commerciale' }),
  ],
  'MCO',
);

/** MCO plus an optional test EF1 of coefficient 1. */
export const MCO_WITH_OPTIONAL: ExamStructure = structure([...MCO.tests, opt('EF1', 100)], 'MCO');

// ---------------------------------------------------------------- marks

export const mark = (hundredths: number): MarkEntry => ({ status: 'MARK', hundredths });
export const kept = (hundredths: number): MarkEntry => ({ status: 'KEPT', hundredths });
export const EXEMPT: MarkEntry = { status: 'EXEMPT' };
export const ABSENT_JUSTIFIED: MarkEntry = { status: 'ABSENT_JUSTIFIED' };
export const ABSENT: MarkEntry = { status: 'ABSENT' };

/** A candidate's marks: a number is an ordinary mark in hundredths. */
export function marks(entries: Readonly<Record<string, MarkEntry | number>>): CandidateMarks {
  return new Map(
    Object.entries(entries).map(([code, e]) => [code, typeof e === 'number' ? mark(e) : e]),
  );
}

/** The same mark (hundredths) for every assessed code of a structure (parts for tests with parts). */
export function uniformMarks(
  s: ExamStructure,
  hundredths: number,
  overrides: Readonly<Record<string, MarkEntry | number>> = {},
): CandidateMarks {
  const entries: Record<string, MarkEntry | number> = {};
  for (const t of s.tests) {
    if (t.parts.length === 0) entries[t.code] = hundredths;
    else for (const p of t.parts) entries[p.code] = hundredths;
  }
  return marks({ ...entries, ...overrides });
}

/**
 * A realistic MCO candidate allowed to the control. Points (coef × mark):
 * E1 3×7 = 21, E2 3×9 = 27 (E21 8, E22 10), E3 3×6 = 18, E4 6×11,5 = 69,
 * E5 3×12 = 36, E6 3×11 = 33: 204 over 21, G = 68/7 ≈ 9,71; P = 138/12 = 23/2.
 */
export const MCO_CONTROL_CANDIDATE: CandidateMarks = marks({
  E1: 700,
  E21: 800,
  E22: 1000,
  E3: 600,
  E41: 1200,
  E42: 1100,
  E5: 1200,
  E6: 1100,
});

// ---------------------------------------------------------------- control

export const controlMark = (hundredths: number): ControlMarkEntry => ({
  status: 'MARK',
  hundredths,
});
export const CONTROL_ABSENT: ControlMarkEntry = { status: 'ABSENT' };

/** Control marks: a number is a mark in hundredths. */
export function controlMarks(
  entries: Readonly<Record<string, ControlMarkEntry | number>>,
): ReadonlyMap<string, ControlMarkEntry> {
  return new Map(
    Object.entries(entries).map(([code, e]) => [code, typeof e === 'number' ? controlMark(e) : e]),
  );
}

// ---------------------------------------------------------------- fractions

/** An exact fraction of points, normalised: frac(19999, 2000). */
export function frac(num: number | bigint, den: number | bigint = 1): Fraction {
  return fraction(BigInt(num), BigInt(den));
}
