import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MinutesLine, decidedLine, juryDiffers, minutesCounts } from './jury-minutes.ts';

describe('the counts of a deliberation’s minutes', () => {
  it('counts each candidate under the outcome the jury pronounced, else the computed one', () => {
    const lines: MinutesLine[] = [
      { computed: 'ADMITTED', jury: null },
      { computed: 'CONTROL_ALLOWED', jury: null },
      { computed: 'CONTROL_ALLOWED', jury: 'ADMITTED' },
      { computed: 'FAILED', jury: 'CONTROL_ALLOWED' },
      { computed: 'FAILED', jury: 'FAILED' },
      { computed: null, jury: null },
      { computed: null, jury: 'FAILED' },
    ];
    expect(minutesCounts(lines, 'FIRST_GROUP')).toEqual({
      candidates: 7,
      byOutcome: [
        { outcome: 'ADMITTED', count: 2 },
        { outcome: 'CONTROL_ALLOWED', count: 2 },
        { outcome: 'FAILED', count: 2 },
      ],
      undetermined: 1,
      changedByJury: 3,
    });
  });

  it('counts after the control in its two outcomes only', () => {
    expect(
      minutesCounts(
        [
          { computed: 'FAILED', jury: 'ADMITTED' },
          { computed: 'FAILED', jury: null },
        ],
        'FINAL',
      ).byOutcome,
    ).toEqual([
      { outcome: 'ADMITTED', count: 1 },
      { outcome: 'FAILED', count: 1 },
    ]);
  });

  it('says a decision differs only when it departs from the computed outcome', () => {
    expect(juryDiffers({ computed: 'FAILED', jury: 'FAILED' })).toBe(false);
    expect(juryDiffers({ computed: 'FAILED', jury: null })).toBe(false);
    expect(juryDiffers({ computed: null, jury: 'FAILED' })).toBe(true);
    expect(decidedLine({ computed: 'FAILED', jury: 'ADMITTED' })).toBe('ADMITTED');
  });

  it('accounts for every candidate exactly once', () => {
    const outcome = fc.constantFrom('ADMITTED', 'CONTROL_ALLOWED', 'FAILED', null);
    fc.assert(
      fc.property(fc.array(fc.record({ computed: outcome, jury: outcome })), (lines) => {
        const counts = minutesCounts(lines, 'FIRST_GROUP');
        const counted = counts.byOutcome.reduce((sum, o) => sum + o.count, 0);
        expect(counted + counts.undetermined).toBe(lines.length);
        expect(counts.changedByJury).toBeLessThanOrEqual(
          lines.filter((l) => l.jury !== null).length,
        );
      }),
    );
  });
});
