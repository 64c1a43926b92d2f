import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Fraction, compare, fraction, fromHundredths } from '../marks/fraction.ts';
import { NATIONAL_RULES } from '../rules/rule-set.ts';
import { juryPreparation, preparationFlagText } from './jury-preparation.ts';

const T = NATIONAL_RULES.thresholds;
const c = (number: string, overall: Fraction | null, professional: Fraction | null = null) => ({
  number,
  overallAverage: overall,
  professionalAverage: professional,
});
const h = fromHundredths;

describe('the jury preparation sheet', () => {
  it('sorts by overall average, best first, those without one last', () => {
    const rows = juryPreparation(
      [c('4', null), c('1', h(950)), c('2', h(1200)), c('3', h(950)), c('5', h(780))],
      'FIRST_GROUP',
      T,
      50,
    );
    expect(rows.map((r) => r.candidate.number)).toEqual(['2', '1', '3', '5', '4']);
  });

  it.each([
    ['at 10: admitted, nothing to examine', h(1000), h(1200), []],
    ['9,50: half a point under admission', h(950), h(1200), ['Admission (10) : manque 0,50']],
    ['9,49: beyond the distance', h(949), h(1200), []],
    // 9 + 2/3 is 0,333… short: rounded up, never less than what is missing.
    ['9,666…: 0,34 short', fraction(29n, 3n), h(1200), ['Admission (10) : manque 0,34']],
    [
      '7,75 with 9,80 professional',
      h(775),
      h(980),
      ['Épreuves de contrôle (8) : manque 0,25', 'Domaine professionnel (10) : manque 0,20'],
    ],
    ['no average', null, null, []],
  ] as const)('first group, %s', (_label, overall, professional, expected) => {
    const [row] = juryPreparation([c('1', overall, professional)], 'FIRST_GROUP', T, 50);
    expect(row?.flags.map(preparationFlagText)).toEqual(expected);
  });

  it('looks at admission only after the control', () => {
    const [row] = juryPreparation([c('1', h(780), h(900))], 'FINAL', T, 50);
    expect(row?.flags).toEqual([]);
    const [near] = juryPreparation([c('1', h(990), h(900))], 'FINAL', T, 50);
    expect(near?.flags.map(preparationFlagText)).toEqual(['Admission (10) : manque 0,10']);
  });

  it('keeps every candidate once, flags only averages under a threshold by at most the distance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 2000 })), { maxLength: 30 }),
        fc.integer({ min: 0, max: 300 }),
        (averages, distance) => {
          const candidates = averages.map((a, i) =>
            c(String(i).padStart(3, '0'), a === null ? null : h(a)),
          );
          const rows = juryPreparation(candidates, 'FINAL', T, distance);
          expect(
            rows.map((r) => r.candidate).sort((a, b) => a.number.localeCompare(b.number)),
          ).toEqual(candidates);
          for (const [i, row] of rows.entries()) {
            const next = rows[i + 1]?.candidate.overallAverage;
            const mine = row.candidate.overallAverage;
            if (mine !== null && next != null)
              expect(compare(mine, next)).toBeGreaterThanOrEqual(0);
            if (mine === null) expect(next ?? null).toBeNull();
            const a = averages[Number(row.candidate.number)];
            const flagged =
              a != null && a < T.admittedHundredths && T.admittedHundredths - a <= distance;
            expect(row.flags.length > 0).toBe(flagged);
          }
        },
      ),
    );
  });
});
