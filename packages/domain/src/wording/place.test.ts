import { describe, expect, it } from 'vitest';
import { examCentreLines, placeText } from './place.ts';

const centre = {
  name: 'Lycée des Coteaux',
  street: '12 rue des Capucins',
  postcode: '51100',
  city: 'Reims',
};

describe('placeText', () => {
  it.each([
    [centre, 'Salle 101', 'Lycée des Coteaux, 12 rue des Capucins, 51100 Reims — Salle 101'],
    [centre, null, 'Lycée des Coteaux, 12 rue des Capucins, 51100 Reims'],
    [null, 'Salle 101', 'Salle 101'],
    [null, null, ''],
  ] as const)('%o in %s → %s', (c, room, text) => {
    expect(placeText(c, room)).toBe(text);
  });
  it('puts the postcode before the city', () => {
    expect(examCentreLines(centre)).toEqual([
      'Lycée des Coteaux',
      '12 rue des Capucins',
      '51100 Reims',
    ]);
  });
});
