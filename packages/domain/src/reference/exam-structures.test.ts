import { describe, it, expect } from 'vitest';
import type { ExamStructure, ExamTest } from '../marks/exam-structure.ts';
import {
  MCO_STRUCTURE,
  NDRC_STRUCTURE,
  SIO_STRUCTURE,
  SPECIALTIES,
  specialtyByCode,
} from './exam-structures.ts';
import { validateExamStructure } from './validate-exam-structure.ts';

/** "E1 300 G" per test, parts in brackets, for a compact comparison with the spec. */
function summary(s: ExamStructure): string[] {
  return s.tests.map((t) => {
    const parts =
      t.parts.length === 0
        ? ''
        : ` [${t.parts.map((p) => `${p.code} ${p.coefficientHundredths}`).join(' + ')}]`;
    const flags = `${t.optional ? ' optional' : ''}${t.controlEligible ? ' control' : ''}`;
    return `${t.code} ${t.coefficientHundredths} ${t.domain === 'GENERAL' ? 'G' : 'P'}${parts}${flags}`;
  });
}

describe('built-in exam structures (spec, demo data)', () => {
  it('MCO', () => {
    expect(summary(MCO_STRUCTURE)).toEqual([
      'E1 300 G control',
      'E2 300 G [E21 150 + E22 150] control',
      'E3 300 G control',
      'E4 600 P [E41 300 + E42 300]',
      'E5 300 P',
      'E6 300 P',
      'EF1 100 G optional',
    ]);
    expect(MCO_STRUCTURE.tests.find((t) => t.code === 'EF1')?.name).toBe(
      'Langue vivante facultative',
    );
  });

  it('NDRC', () => {
    expect(summary(NDRC_STRUCTURE)).toEqual([
      'E1 300 G control',
      'E2 300 G control',
      'E3 300 G control',
      'E4 500 P',
      'E5 400 P',
      'E6 300 P',
    ]);
  });

  it('SIO', () => {
    expect(summary(SIO_STRUCTURE)).toEqual([
      'E1 200 G control',
      'E2 200 G control',
      'E3 300 G control',
      'E4 300 G control',
      'E5 400 P',
      'E6 400 P',
      'E7 400 P',
    ]);
  });

  it('maps MCO’s tests to the blocs de compétences of its reference; every compulsory unit of each specialty is in one block', () => {
    expect(MCO_STRUCTURE.blocks.map((b) => `${b.code} ${b.units.join('+')} ${b.name}`)).toEqual([
      'B1 E41 Développer la relation client et assurer la vente conseil',
      'B2 E42 Animer et dynamiser l’offre commerciale',
      'B3 E5 Assurer la gestion opérationnelle',
      'B4 E6 Manager l’équipe commerciale',
      'B5 E1 Culture générale et expression',
      'B6 E2 Communication en langue vivante étrangère',
      'B7 E3 Culture économique, juridique et managériale',
    ]);
    for (const s of SPECIALTIES) {
      const units = s.structure.tests
        .filter((t) => !t.optional)
        .flatMap((t) =>
          t.controlEligible || t.parts.length === 0 ? [t.code] : t.parts.map((p) => p.code),
        );
      expect(s.structure.blocks.flatMap((b) => b.units).sort(), s.code).toEqual(units.sort());
    }
  });

  it('names the specialties in full and looks them up by code', () => {
    expect(SPECIALTIES.map((s) => [s.code, s.name])).toEqual([
      ['MCO', 'Management commercial opérationnel'],
      ['NDRC', 'Négociation et digitalisation de la relation client'],
      ['SIO', 'Services informatiques aux organisations'],
    ]);
    for (const s of SPECIALTIES) expect(s.structure.specialtyCode).toBe(s.code);
    expect(specialtyByCode('SIO')?.structure).toBe(SIO_STRUCTURE);
    expect(specialtyByCode('sio')).toBeUndefined();
  });

  it.each(SPECIALTIES.map((s) => [s.code, s.structure] as const))(
    '%s has no structural problem',
    (_code, structure) => {
      expect(validateExamStructure(structure)).toEqual([]);
    },
  );
});

describe('validateExamStructure', () => {
  const t = (code: string, patch: Partial<ExamTest> = {}): ExamTest => ({
    code,
    name: code,
    coefficientHundredths: 300,
    domain: 'GENERAL',
    optional: false,
    controlEligible: true,
    parts: [],
    ...patch,
  });
  const sound: ExamStructure = {
    specialtyCode: 'X',
    tests: [t('E1'), t('E2'), t('E3', { domain: 'PROFESSIONAL', controlEligible: false })],
    blocks: [],
  };
  const withTests = (...tests: ExamTest[]): ExamStructure => ({
    ...sound,
    tests: [...sound.tests, ...tests],
  });

  it('accepts a sound structure', () => {
    expect(validateExamStructure(sound)).toEqual([]);
  });

  it.each<[string, ExamStructure, RegExp]>([
    [
      'a coefficient that is not the sum of the parts',
      withTests(
        t('E4', {
          coefficientHundredths: 300,
          parts: [
            { code: 'E41', name: 'a', coefficientHundredths: 150 },
            { code: 'E42', name: 'b', coefficientHundredths: 100 },
          ],
        }),
      ),
      /Épreuve E4 : coefficient 300 différent de la somme de ses sous-épreuves \(250\)/,
    ],
    ['two tests with one code', withTests(t('E1')), /Épreuve E1 : le code E1 est déjà utilisé/],
    [
      'a part with the code of a test',
      withTests(t('E4', { parts: [{ code: 'E1', name: 'a', coefficientHundredths: 300 }] })),
      /Sous-épreuve E1 de E4 : le code E1 est déjà utilisé/,
    ],
    [
      'a zero coefficient',
      withTests(t('E4', { coefficientHundredths: 0 })),
      /Épreuve E4 : coefficient 0 non positif/,
    ],
    [
      'a negative coefficient',
      withTests(t('E4', { coefficientHundredths: -100 })),
      /coefficient -100 non positif/,
    ],
    [
      'a fractional hundredth',
      withTests(t('E4', { coefficientHundredths: 1.5 })),
      /coefficient 1.5 non entier/,
    ],
    [
      'a non-positive part coefficient',
      withTests(
        t('E4', {
          coefficientHundredths: 300,
          parts: [
            { code: 'E41', name: 'a', coefficientHundredths: 300 },
            { code: 'E42', name: 'b', coefficientHundredths: 0 },
          ],
        }),
      ),
      /Sous-épreuve E42 de E4 : coefficient 0 non positif/,
    ],
    [
      'three optional tests',
      withTests(...['F1', 'F2', 'F3'].map((c) => t(c, { optional: true, controlEligible: false }))),
      /3 épreuves facultatives : au plus 2/,
    ],
    [
      'an optional test open to control',
      withTests(t('F1', { optional: true })),
      /Épreuve F1 : une épreuve facultative/,
    ],
    [
      'a professional test open to control',
      withTests(t('E4', { domain: 'PROFESSIONAL', controlEligible: true })),
      /Épreuve E4 : une épreuve du domaine professionnel/,
    ],
    ['an empty code', withTests(t('')), /Épreuve {2}: code vide/],
    [
      'fewer than two tests open to control',
      { specialtyCode: 'X', tests: [t('E1'), t('E2', { controlEligible: false })], blocks: [] },
      /1 épreuve\(s\) ouverte\(s\) à l’épreuve de contrôle/,
    ],
    [
      'no compulsory test',
      { specialtyCode: 'X', tests: [], blocks: [] },
      /Aucune épreuve obligatoire/,
    ],
  ])('reports %s', (_name, structure, expected) => {
    const problems = validateExamStructure(structure);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });
});
