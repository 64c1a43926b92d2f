import { describe, expect, it } from 'vitest';
import { frac } from '../../test/fixtures.ts';
import { averageShortfallNote } from './average-notes.ts';

describe('averageShortfallNote', () => {
  it.each([
    // exact average, thresholds, note
    ['6999/700', [1000, 800], 'Il manque moins de 0,002 point à cette moyenne pour atteindre 10.'], // 1/700 = 0,00142…
    ['1999/200', [1000, 800], 'Il manque 0,005 point à cette moyenne pour atteindre 10.'], // 9,995
    ['999/100', [1000, 800], 'Il manque 0,01 point à cette moyenne pour atteindre 10.'], // 9,99 exactly
    ['19999/2000', [1000], 'Il manque moins de 0,001 point à cette moyenne pour atteindre 10.'], // 1/2000
    ['5599/700', [1000, 800], 'Il manque moins de 0,002 point à cette moyenne pour atteindre 8.'], // 7,998…
    ['6121/700', [1000, 800], null], // 8,74: the display says it
    ['10/1', [1000, 800], null],
    ['1101/100', [1000, 800], null],
  ] as const)('%s → %s', (exact, thresholds, note) => {
    expect(averageShortfallNote(exact, thresholds)).toBe(note);
  });

  it('cites a threshold of the session’s rules as the rules write it', () => {
    // 8,499… displayed 8,49 under a control threshold of 8,5.
    expect(averageShortfallNote('11899/1400', [1000, 850])).toBe(
      'Il manque moins de 0,001 point à cette moyenne pour atteindre 8,5.',
    );
  });

  it('takes a fraction as well as its string', () => {
    expect(averageShortfallNote(frac(6999, 700), [1000])).toBe(
      averageShortfallNote('6999/700', [1000]),
    );
  });
});
