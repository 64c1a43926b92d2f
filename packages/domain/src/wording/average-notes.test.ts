import { describe, expect, it } from 'vitest';
import { frac } from '../../test/fixtures.ts';
import { averageShortfallNote } from './average-notes.ts';

describe('averageShortfallNote', () => {
  it.each([
    // exact average, thresholds, note
    ['6999/700', [10, 8], 'Il manque moins de 0,002 point à cette moyenne pour atteindre 10.'], // 1/700 = 0,00142…
    ['1999/200', [10, 8], 'Il manque 0,005 point à cette moyenne pour atteindre 10.'], // 9,995
    ['999/100', [10, 8], 'Il manque 0,01 point à cette moyenne pour atteindre 10.'], // 9,99 exactly
    ['19999/2000', [10], 'Il manque moins de 0,001 point à cette moyenne pour atteindre 10.'], // 1/2000
    ['5599/700', [10, 8], 'Il manque moins de 0,002 point à cette moyenne pour atteindre 8.'], // 7,998…
    ['6121/700', [10, 8], null], // 8,74: the display says it
    ['10/1', [10, 8], null],
    ['1101/100', [10, 8], null],
  ] as const)('%s → %s', (exact, thresholds, note) => {
    expect(averageShortfallNote(exact, thresholds)).toBe(note);
  });

  it('takes a fraction as well as its string', () => {
    expect(averageShortfallNote(frac(6999, 700), [10])).toBe(
      averageShortfallNote('6999/700', [10]),
    );
  });
});
