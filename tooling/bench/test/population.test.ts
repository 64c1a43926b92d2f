import { describe, expect, it } from 'vitest';
import {
  BENCH_ORIGIN_ACADEMY,
  MARK_CODES,
  generatePopulation,
  isOfOrigin,
} from '../src/data/population.ts';

const SMALL = { candidates: 400, ofOrigin: 80, schoolsPerAcademy: 2 };

describe('the bench population', () => {
  it('has the promised number of candidates, of them exactly ofOrigin of the académie', () => {
    const population = generatePopulation(SMALL);
    expect(population.candidates).toHaveLength(400);
    expect(
      population.candidates.filter((c) => c.originAcademyCode === BENCH_ORIGIN_ACADEMY),
    ).toHaveLength(80);
    expect(population.schools).toHaveLength(30 * 2);
  });

  it('gives every candidate one mark per compulsory MCO code: eight, so 250 000 make 2 000 000', () => {
    expect(MARK_CODES).toEqual(['E1', 'E21', 'E22', 'E3', 'E41', 'E42', 'E5', 'E6']);
    for (const c of generatePopulation(SMALL).candidates) {
      expect(c.marks).toHaveLength(8);
      for (const m of c.marks) expect(Number.isInteger(m) && m >= 0 && m <= 2000).toBe(true);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const a = generatePopulation(SMALL, 7);
    expect(generatePopulation(SMALL, 7)).toEqual(a);
    expect(generatePopulation(SMALL, 8).candidates[0]).not.toEqual(a.candidates[0]);
  });

  it('makes rows the schema accepts: unique numbers and ids, UAIs well formed, schools of the origin académie', () => {
    const { candidates, schools } = generatePopulation(SMALL);
    expect(new Set(candidates.map((c) => c.number)).size).toBe(candidates.length);
    expect(new Set(candidates.map((c) => c.id)).size).toBe(candidates.length);
    for (const s of schools) expect(s.uai).toMatch(/^[0-9]{7}[A-Z]$/);
    expect(new Set(schools.map((s) => s.uai)).size).toBe(schools.length);
    const academyOf = new Map(schools.map((s) => [s.uai, s.academyCode]));
    for (const c of candidates) {
      if (c.individual) expect(c.schoolUai).toBeNull();
      else expect(academyOf.get(c.schoolUai ?? '')).toBe(c.originAcademyCode);
    }
  });

  it.each([
    [10, 7],
    [10, 0],
    [5, 5],
    [250_000, 50_000],
    [999, 333],
  ])('picks exactly ofOrigin of %i candidates (%i)', (candidates, ofOrigin) => {
    const size = { candidates, ofOrigin, schoolsPerAcademy: 1 };
    let n = 0;
    for (let i = 0; i < candidates; i++) if (isOfOrigin(i, size)) n++;
    expect(n).toBe(ofOrigin);
  });
});
