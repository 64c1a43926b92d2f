import { describe, expect, it } from 'vitest';
import { ACADEMIES } from '../reference/academies.ts';
import { academyOfName, deName } from './academy-name.ts';

describe('academyOfName', () => {
  it.each([
    ['Reims', 'académie de Reims'],
    ['Aix-Marseille', 'académie d’Aix-Marseille'],
    ['Amiens', 'académie d’Amiens'],
    ['Orléans-Tours', 'académie d’Orléans-Tours'],
    ['La Réunion', 'académie de La Réunion'],
    ['Corse', 'académie de Corse'],
    ['Nancy-Metz', 'académie de Nancy-Metz'],
    ['Créteil', 'académie de Créteil'],
    ['Île-de-France', 'académie d’Île-de-France'],
  ])('%s → %s', (name, expected) => {
    expect(academyOfName(name)).toBe(expected);
  });

  it('elides exactly for the académies whose name starts with a vowel', () => {
    const elided = ACADEMIES.filter((a) => deName(a.name).startsWith('d’')).map((a) => a.code);
    expect(elided).toEqual(['02', '18', '20']);
    for (const a of ACADEMIES) expect(deName(a.name)).not.toContain("'");
  });
});
