import { describe, it, expect } from 'vitest';
import { ACADEMIES, PILOT_ACADEMY_CODE, academyByCode, isAcademyCode } from './academies.ts';

describe('académies', () => {
  it('lists the 30 académies of the spec, codes unique and two digits', () => {
    expect(ACADEMIES).toHaveLength(30);
    expect(new Set(ACADEMIES.map((a) => a.code)).size).toBe(30);
    for (const a of ACADEMIES) expect(a.code).toMatch(/^\d{2}$/);
    expect(ACADEMIES.map((a) => a.code)).toEqual([...ACADEMIES.map((a) => a.code)].sort());
  });

  it('spells the names as the spec does', () => {
    expect(ACADEMIES.map((a) => `${a.code} ${a.name}`).join(', ')).toBe(
      '01 Paris, 02 Aix-Marseille, 03 Besançon, 04 Bordeaux, 06 Clermont-Ferrand, ' +
        '07 Dijon, 08 Grenoble, 09 Lille, 10 Lyon, 11 Montpellier, 12 Nancy-Metz, ' +
        '13 Poitiers, 14 Rennes, 15 Strasbourg, 16 Toulouse, 17 Nantes, ' +
        '18 Orléans-Tours, 19 Reims, 20 Amiens, 22 Limoges, 23 Nice, 24 Créteil, ' +
        '25 Versailles, 27 Corse, 28 La Réunion, 31 Martinique, 32 Guadeloupe, ' +
        '33 Guyane, 43 Mayotte, 70 Normandie',
    );
  });

  it('has Reims, code 19, as pilot académie', () => {
    expect(PILOT_ACADEMY_CODE).toBe('19');
    expect(academyByCode(PILOT_ACADEMY_CODE)?.name).toBe('Reims');
  });

  it('looks codes up exactly', () => {
    expect(academyByCode('01')?.name).toBe('Paris');
    expect(academyByCode('1')).toBeUndefined();
    expect(academyByCode('05')).toBeUndefined();
    expect(isAcademyCode('70')).toBe(true);
    expect(isAcademyCode('')).toBe(false);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(ACADEMIES)).toBe(true);
    expect(Object.isFrozen(ACADEMIES[0])).toBe(true);
  });
});
