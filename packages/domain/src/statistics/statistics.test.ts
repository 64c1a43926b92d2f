import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BUCKETS, markBucket, markHistogram } from './mark-histogram.ts';
import { passRate } from './pass-rate.ts';

describe('markBucket', () => {
  it.each([
    [0, 0],
    [99, 0],
    [100, 1],
    [999, 9],
    [1000, 10],
    [1999, 19],
    [2000, 20],
  ])('%i hundredths → bucket %i (truncated)', (h, k) => {
    expect(markBucket(h)).toBe(k);
  });
  it.each([-1, 2001, 12.5, Number.NaN])('refuses %s', (h) => {
    expect(() => markBucket(h)).toThrow();
  });
});

describe('markHistogram', () => {
  it('keeps every count: the buckets sum to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ hundredths: fc.integer({ min: 0, max: 2000 }), count: fc.nat(1000) })),
        (counts) => {
          const h = markHistogram(counts);
          const total = counts.reduce((s, c) => s + c.count, 0);
          return h.length === HISTOGRAM_BUCKETS && h.reduce((s, n) => s + n, 0) === total;
        },
      ),
    );
  });
  it('puts 9,99 in 9 and 10,00 in 10', () => {
    const h = markHistogram([
      { hundredths: 999, count: 2 },
      { hundredths: 1000, count: 3 },
    ]);
    expect(h[9]).toBe(2);
    expect(h[10]).toBe(3);
  });
});

describe('passRate', () => {
  it.each([
    [2, 3, '2/3', 6666],
    [1, 1, '1/1', 10000],
    [0, 4, '0/1', 0],
    [1, 7, '1/7', 1428],
  ])('%i/%i → exact %s, %i hundredths of a percent', (passed, presented, exact, pct) => {
    const r = passRate(passed, presented);
    expect(r.exact === null ? null : `${r.exact.num}/${r.exact.den}`).toBe(exact);
    expect(r.percentHundredths).toBe(pct);
  });
  it('says nothing when nobody was presented', () => {
    expect(passRate(0, 0)).toMatchObject({ exact: null, percentHundredths: null });
  });
  it('refuses more passed than presented', () => {
    expect(() => passRate(3, 2)).toThrow();
  });
  it('never shows more than the exact rate', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (a, b) => {
        const presented = Math.max(a, b);
        const passed = Math.min(a, b);
        fc.pre(presented > 0);
        const pct = passRate(passed, presented).percentHundredths ?? 0;
        // pct / 10000 ≤ passed / presented < (pct + 1) / 10000
        return pct * presented <= passed * 10000 && passed * 10000 < (pct + 1) * presented;
      }),
    );
  });
});
