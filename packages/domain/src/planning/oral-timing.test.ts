import { describe, expect, it } from 'vitest';
import { MCO_STRUCTURE } from '../reference/exam-structures.ts';
import type { ExamTest } from '../marks/exam-structure.ts';
import { type Accommodation, extraPreparationMinutes, oralTimingOf } from './oral-timing.ts';

const byCode = (code: string): ExamTest => {
  const t = MCO_STRUCTURE.tests.find((x) => x.code === code);
  if (t === undefined) throw new Error(code);
  return t;
};
const E1 = byCode('E1');
const E2 = byCode('E2'); // language: 10 + 10
const with_ = (numerator: number, denominator: number): Accommodation => ({
  extraPreparation: { numerator, denominator },
  accessibleRoomRequired: false,
  note: null,
});

describe('oralTimingOf', () => {
  it.each([
    ['no accommodation, standard', E1, null, 20, 20, 0],
    ['no accommodation, language', E2, null, 10, 10, 0],
    ['one third, standard (6,67 → 7)', E1, with_(1, 3), 27, 20, 7],
    ['one third, language (3,33 → 4)', E2, with_(1, 3), 14, 10, 4],
    ['one quarter, standard (exactly 5)', E1, with_(1, 4), 25, 20, 5],
    ['one half, language (exactly 5)', E2, with_(1, 2), 15, 10, 5],
    ['zero ratio', E1, with_(0, 7), 20, 20, 0],
    ['2/3, standard (13,33 → 14)', E1, with_(2, 3), 34, 20, 14],
    ['double time', E1, with_(1, 1), 40, 20, 20],
    [
      'room only',
      E1,
      { extraPreparation: null, accessibleRoomRequired: true, note: 'fauteuil' },
      20,
      20,
      0,
    ],
  ] as const)('%s', (_label, test, accommodation, preparation, oral, extra) => {
    expect(oralTimingOf(test, accommodation)).toEqual({
      preparationMinutes: preparation,
      oralMinutes: oral,
      extraPreparationMinutes: extra,
    });
  });

  it.each([
    [1, 0],
    [-1, 3],
    [4, 3],
    [0.5, 3],
  ])('refuses the ratio %i/%i', (numerator, denominator) => {
    expect(() => extraPreparationMinutes(20, { numerator, denominator })).toThrow(
      /Majoration du temps de préparation invalide/,
    );
  });
});
