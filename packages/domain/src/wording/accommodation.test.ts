import { describe, expect, it } from 'vitest';
import { accommodationLines } from './accommodation.ts';

const none = { extraPreparation: null, accessibleRoomRequired: false, note: null };

describe('accommodationLines', () => {
  it.each([
    [{ numerator: 1, denominator: 3 }, 'Temps de préparation majoré d’un tiers'],
    [{ numerator: 2, denominator: 6 }, 'Temps de préparation majoré d’un tiers'],
    [{ numerator: 1, denominator: 4 }, 'Temps de préparation majoré d’un quart'],
    [{ numerator: 1, denominator: 2 }, 'Temps de préparation majoré de moitié'],
    [{ numerator: 3, denominator: 3 }, 'Temps de préparation doublé'],
    [{ numerator: 2, denominator: 5 }, 'Temps de préparation majoré de 2/5'],
  ])('extra preparation %o → %s', (extraPreparation, line) => {
    expect(accommodationLines({ ...none, extraPreparation })).toEqual([line]);
  });

  it('lists each measure on its own line, in a fixed order', () => {
    expect(
      accommodationLines({
        extraPreparation: { numerator: 1, denominator: 3 },
        accessibleRoomRequired: true,
        note: '  Assistance d’un secrétaire ',
      }),
    ).toEqual([
      'Temps de préparation majoré d’un tiers',
      'Salle accessible',
      'Assistance d’un secrétaire',
    ]);
  });

  it.each([
    ['no accommodation', null],
    ['an accommodation that grants nothing', none],
    [
      'a zero ratio and a blank note',
      { ...none, extraPreparation: { numerator: 0, denominator: 3 }, note: ' ' },
    ],
  ])('says nothing for %s', (_label, accommodation) => {
    expect(accommodationLines(accommodation)).toEqual([]);
  });
});
