import { describe, expect, it } from 'vitest';
import { lockOutEnd } from './lock-out.ts';

describe('lockOutEnd', () => {
  it.each([
    // Summer and winter time: the date and the Paris wall time, always said.
    ['2024-06-28T08:15:00.000Z', 'vendredi 28 juin 2024 à 10 h 15 (heure de Paris)'],
    ['2026-12-03T08:27:00.000Z', 'jeudi 3 décembre 2026 à 9 h 27 (heure de Paris)'],
    // Past midnight in Paris, still the day before in UTC.
    ['2026-12-03T23:30:00.000Z', 'vendredi 4 décembre 2026 à 0 h 30 (heure de Paris)'],
  ])('%s → %s', (instant, words) => {
    expect(lockOutEnd(instant)).toBe(words);
  });
});
