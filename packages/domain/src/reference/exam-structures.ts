import type {
  ExamStructure,
  ExamTest,
  SkillBlock,
  TestDomain,
  TestPart,
} from '../marks/exam-structure.ts';

/**
 * Exam structures of the specialties used as realistic demo data, with
 * the coefficients of their national regulations. Coefficients in hundredths.
 * Every general-domain test may be chosen for a control oral, however it is
 * assessed (CCF or final exam: note de service du 20 septembre 2024);
 * professional tests never can (the orals bear on the general domain).
 * Blocs de compétences: MCO's are its reference's; NDRC's and SIO's are
 * demo data, one block per compulsory test.
 */

export interface Specialty {
  readonly code: string;
  /** Full French name, for people. */
  readonly name: string;
  readonly structure: ExamStructure;
}

function part(code: string, name: string, coefficientHundredths: number): TestPart {
  return Object.freeze({ code, name, coefficientHundredths });
}

function test(
  code: string,
  name: string,
  domain: TestDomain,
  coefficientHundredths: number,
  parts: readonly TestPart[] = [],
): ExamTest {
  return Object.freeze({
    code,
    name,
    coefficientHundredths,
    domain,
    optional: false,
    controlEligible: domain === 'GENERAL',
    parts: Object.freeze([...parts]),
  });
}

/** A modern-language test: its control oral is 10 + 10 minutes (see oral-duration.ts). */
function language(t: ExamTest): ExamTest {
  return Object.freeze({ ...t, language: true });
}

function optionalTest(
  code: string,
  name: string,
  domain: TestDomain,
  coefficientHundredths: number,
): ExamTest {
  // Optional tests count only by their points above 10; they are not among
  // the tests a candidate can retake at the control.
  return Object.freeze({
    code,
    name,
    coefficientHundredths,
    domain,
    optional: true,
    controlEligible: false,
    parts: Object.freeze([]),
  });
}

function block(code: string, name: string, ...units: string[]): SkillBlock {
  return Object.freeze({ code, name, units: Object.freeze(units) });
}

function structure(
  specialtyCode: string,
  tests: readonly ExamTest[],
  blocks: readonly SkillBlock[],
): ExamStructure {
  return Object.freeze({
    specialtyCode,
    tests: Object.freeze([...tests]),
    blocks: Object.freeze([...blocks]),
  });
}

const GENERAL_CULTURE = 'Culture générale et expression';
const FOREIGN_LANGUAGE = 'Communication en langue vivante étrangère';

const CEJM = 'Culture économique, juridique et managériale (CEJM)';

export const MCO_STRUCTURE: ExamStructure = structure(
  'MCO',
  [
    test('E1', 'Culture générale et expression', 'GENERAL', 300),
    language(
      test('E2', 'Langue vivante', 'GENERAL', 300, [
        part('E21', 'Langue vivante – écrit', 150),
        part('E22', 'Langue vivante – oral', 150),
      ]),
    ),
    test('E3', CEJM, 'GENERAL', 300),
    test('E4', 'Relation client', 'PROFESSIONAL', 600, [
      part('E41', 'Développement de la relation client et vente conseil', 300),
      part('E42', 'Animation et dynamisation de l’offre commerciale', 300),
    ]),
    test('E5', 'Gestion opérationnelle', 'PROFESSIONAL', 300),
    test('E6', 'Management de l’équipe commerciale', 'PROFESSIONAL', 300),
    // Demo: an optional test, so that the demo exercises the rule on points above 10.
    language(optionalTest('EF1', 'Langue vivante facultative', 'GENERAL', 100)),
  ],
  [
    block('B1', 'Développer la relation client et assurer la vente conseil', 'E41'),
    block('B2', 'Animer et dynamiser l’offre commerciale', 'E42'),
    block('B3', 'Assurer la gestion opérationnelle', 'E5'),
    block('B4', 'Manager l’équipe commerciale', 'E6'),
    block('B5', GENERAL_CULTURE, 'E1'),
    block('B6', FOREIGN_LANGUAGE, 'E2'),
    block('B7', 'Culture économique, juridique et managériale', 'E3'),
  ],
);

export const NDRC_STRUCTURE: ExamStructure = structure(
  'NDRC',
  [
    test('E1', 'Culture générale', 'GENERAL', 300),
    language(test('E2', 'Langue vivante', 'GENERAL', 300)),
    test('E3', CEJM, 'GENERAL', 300),
    test('E4', 'Relation client et négociation-vente', 'PROFESSIONAL', 500),
    test('E5', 'Relation client à distance et digitalisation', 'PROFESSIONAL', 400),
    test('E6', 'Relation client et animation de réseaux', 'PROFESSIONAL', 300),
  ],
  [
    block('B1', 'Relation client et négociation-vente', 'E4'),
    block('B2', 'Relation client à distance et digitalisation', 'E5'),
    block('B3', 'Relation client et animation de réseaux', 'E6'),
    block('B4', GENERAL_CULTURE, 'E1'),
    block('B5', FOREIGN_LANGUAGE, 'E2'),
    block('B6', 'Culture économique, juridique et managériale', 'E3'),
  ],
);

export const SIO_STRUCTURE: ExamStructure = structure(
  'SIO',
  [
    test('E1', 'Culture générale et expression', 'GENERAL', 200),
    language(test('E2', 'Anglais', 'GENERAL', 200)),
    test('E3', 'Mathématiques pour l’informatique', 'GENERAL', 300),
    test(
      'E4',
      'Culture économique, juridique et managériale appliquée (CEJM appliquée)',
      'GENERAL',
      300,
    ),
    test('E5', 'Support et mise à disposition de services informatiques', 'PROFESSIONAL', 400),
    test('E6', 'Épreuve d’option', 'PROFESSIONAL', 400),
    test('E7', 'Cybersécurité', 'PROFESSIONAL', 400),
  ],
  [
    block('B1', 'Support et mise à disposition de services informatiques', 'E5'),
    block(
      'B2',
      'Administration des systèmes et des réseaux (SISR) ou conception et développement d’applications (SLAM)',
      'E6',
    ),
    block('B3', 'Cybersécurité des services informatiques', 'E7'),
    block('B4', GENERAL_CULTURE, 'E1'),
    block('B5', 'Expression et communication en langue anglaise', 'E2'),
    block('B6', 'Mathématiques pour l’informatique', 'E3'),
    block('B7', 'Culture économique, juridique et managériale appliquée', 'E4'),
  ],
);

export const SPECIALTIES: readonly Specialty[] = Object.freeze([
  Object.freeze({
    code: 'MCO',
    name: 'Management commercial opérationnel',
    structure: MCO_STRUCTURE,
  }),
  Object.freeze({
    code: 'NDRC',
    name: 'Négociation et digitalisation de la relation client',
    structure: NDRC_STRUCTURE,
  }),
  Object.freeze({
    code: 'SIO',
    name: 'Services informatiques aux organisations',
    structure: SIO_STRUCTURE,
  }),
]);

/** The specialty with that code, or undefined. */
export function specialtyByCode(code: string): Specialty | undefined {
  return SPECIALTIES.find((s) => s.code === code);
}
