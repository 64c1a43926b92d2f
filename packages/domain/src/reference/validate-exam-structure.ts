import type { ExamStructure } from '../marks/exam-structure.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import { skillBlockProblems } from './validate-skill-blocks.ts';

/** The control is exactly two orals on two different tests (art. D643-15). */
const CONTROL_TEST_COUNT = 2;

/**
 * Every problem of an exam structure, in French (empty when it is sound).
 * Used on reference data and on structures imported from exam systems,
 * before any mark is computed with them.
 */
export function validateExamStructure(s: ExamStructure, rules: RuleSet = NATIONAL_RULES): string[] {
  const problems: string[] = [];
  if (s.specialtyCode.trim() === '') problems.push('Code de spécialité vide.');

  const seenCodes = new Set<string>();
  const checkCode = (code: string, what: string): void => {
    if (code.trim() === '') problems.push(`${what} : code vide.`);
    // Marks are keyed by test or part code (CandidateMarks): a code used
    // twice would make a mark ambiguous.
    else if (seenCodes.has(code)) problems.push(`${what} : le code ${code} est déjà utilisé.`);
    seenCodes.add(code);
  };
  const checkCoefficient = (value: number, what: string): void => {
    if (!Number.isInteger(value))
      problems.push(`${what} : coefficient ${value} non entier (attendu en centièmes).`);
    else if (value <= 0) problems.push(`${what} : coefficient ${value} non positif.`);
  };

  for (const t of s.tests) {
    const what = `Épreuve ${t.code}`;
    checkCode(t.code, what);
    checkCoefficient(t.coefficientHundredths, what);
    for (const p of t.parts) {
      checkCode(p.code, `Sous-épreuve ${p.code} de ${t.code}`);
      checkCoefficient(p.coefficientHundredths, `Sous-épreuve ${p.code} de ${t.code}`);
    }
    if (t.parts.length > 0) {
      // The test's mark is the coefficient-weighted average of its parts, so
      // its own coefficient must be the sum of theirs.
      const sum = t.parts.reduce((acc, p) => acc + p.coefficientHundredths, 0);
      if (sum !== t.coefficientHundredths) {
        problems.push(
          `${what} : coefficient ${t.coefficientHundredths} différent de la somme de ses sous-épreuves (${sum}).`,
        );
      }
    }
    if (t.optional && t.controlEligible) {
      problems.push(
        `${what} : une épreuve facultative ne peut pas être choisie pour l’épreuve de contrôle.`,
      );
    }
    // The control orals bear on the general domain only (arrêté du 3 juin 2022).
    if (t.domain === 'PROFESSIONAL' && t.controlEligible) {
      problems.push(
        `${what} : une épreuve du domaine professionnel ne peut pas être choisie pour l’épreuve de contrôle.`,
      );
    }
  }

  const optionalCount = s.tests.filter((t) => t.optional).length;
  if (optionalCount > rules.maxOptionalTests) {
    problems.push(`${optionalCount} épreuves facultatives : au plus ${rules.maxOptionalTests}.`);
  }
  if (!s.tests.some((t) => !t.optional)) problems.push('Aucune épreuve obligatoire.');
  const eligibleCount = s.tests.filter(
    (t) => t.controlEligible && t.domain === 'GENERAL' && !t.optional,
  ).length;
  if (eligibleCount < CONTROL_TEST_COUNT) {
    problems.push(
      `${eligibleCount} épreuve(s) ouverte(s) à l’épreuve de contrôle : il en faut au moins ${CONTROL_TEST_COUNT} pour que le candidat puisse choisir.`,
    );
  }
  for (const p of skillBlockProblems(s)) problems.push(p.message);
  return problems;
}
