import { describe, expect, it } from 'vitest';
import { type ExamCentreDeclaration, examCentreFor, examCentreProblems } from './exam-centre.ts';

const centre = {
  name: 'Lycée des Coteaux',
  street: '12 rue des Capucins',
  postcode: '51100',
  city: 'Reims',
};
const declared: ExamCentreDeclaration[] = [
  { day: '2024-07-03', specialtyCodes: ['MCO', 'NDRC'], centre },
  { day: '2024-07-04', specialtyCodes: ['MCO'], centre: { ...centre, name: 'Lycée du Mont' } },
];

describe('examCentreFor', () => {
  it('finds the centre of a specialty on its day, and nothing elsewhere', () => {
    expect(examCentreFor(declared, '2024-07-03', 'NDRC')).toEqual(centre);
    expect(examCentreFor(declared, '2024-07-04', 'MCO')?.name).toBe('Lycée du Mont');
    expect(examCentreFor(declared, '2024-07-04', 'NDRC')).toBeNull();
  });
});

describe('examCentreProblems', () => {
  it('accepts well-formed centres', () => {
    expect(examCentreProblems(declared)).toEqual([]);
  });
  it.each([
    [{ ...declared[0], centre: { ...centre, postcode: '5110' } }, /code postal invalide/],
    [{ ...declared[0], centre: { ...centre, postcode: '2A004' } }, /code postal invalide/],
    [{ ...declared[0], centre: { ...centre, name: ' ' } }, /sans nom/],
    [{ ...declared[0], centre: { ...centre, street: '' } }, /adresse/],
    [{ ...declared[0], centre: { ...centre, city: '' } }, /commune/],
    [{ ...declared[0], day: '3 juillet' }, /date mal formée/],
    [{ ...declared[0], specialtyCodes: [] }, /aucune spécialité/],
  ] as const)('refuses %o', (declaration, problem) => {
    expect(examCentreProblems([declaration as ExamCentreDeclaration]).join(' ; ')).toMatch(problem);
  });
  it('refuses two centres for one specialty on one day', () => {
    expect(examCentreProblems([...declared, declared[0] as ExamCentreDeclaration])).toEqual([
      'spécialité MCO : deux centres d’épreuves le 2024-07-03',
      'spécialité NDRC : deux centres d’épreuves le 2024-07-03',
    ]);
  });
});
