import { describe, it, expect } from 'vitest';
import { computeAverages } from './averages.ts';
import type { Fraction } from './fraction.ts';
import type { MarkEntry } from './mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import {
  ABSENT,
  ABSENT_JUSTIFIED,
  EXEMPT,
  MCO,
  MCO_CONTROL_CANDIDATE,
  MCO_WITH_OPTIONAL,
  frac,
  gen,
  kept,
  mark,
  marks,
  opt,
  pro,
  structure,
  uniformMarks,
} from '../../test/fixtures.ts';

const IGNORE_OPTIONAL: RuleSet = { ...NATIONAL_RULES, optionalTests: 'IGNORED' };

interface StatusRow {
  readonly name: string;
  readonly entry: MarkEntry | undefined;
  readonly overall: Fraction | null;
  readonly professional: Fraction | null;
  readonly missing: readonly string[];
  readonly absences: readonly string[];
}

describe('computeAverages: every status, on a general test T (T 1 + A 1 [G], P 1 [P]; A = P = 10)', () => {
  const s = structure([gen('T', 100), gen('A', 100), pro('P', 100)]);
  it.each<StatusRow>([
    {
      name: 'MARK 14',
      entry: mark(1400),
      overall: frac(34, 3),
      professional: frac(10),
      missing: [],
      absences: [],
    },
    {
      name: 'MARK 0',
      entry: mark(0),
      overall: frac(20, 3),
      professional: frac(10),
      missing: [],
      absences: [],
    },
    {
      name: 'KEPT 14 counts as a mark',
      entry: kept(1400),
      overall: frac(34, 3),
      professional: frac(10),
      missing: [],
      absences: [],
    },
    {
      name: 'EXEMPT leaves both sums',
      entry: EXEMPT,
      overall: frac(10),
      professional: frac(10),
      missing: [],
      absences: [],
    },
    {
      name: 'ABSENT_JUSTIFIED counts 0',
      entry: ABSENT_JUSTIFIED,
      overall: frac(20, 3),
      professional: frac(10),
      missing: [],
      absences: [],
    },
    {
      name: 'ABSENT is listed, not averaged',
      entry: ABSENT,
      overall: frac(10),
      professional: frac(10),
      missing: [],
      absences: ['T'],
    },
    {
      name: 'missing is listed',
      entry: undefined,
      overall: frac(10),
      professional: frac(10),
      missing: ['T'],
      absences: [],
    },
  ])('$name', ({ entry, overall, professional, missing, absences }) => {
    const m = marks({ A: 1000, P: 1000, ...(entry === undefined ? {} : { T: entry }) });
    const a = computeAverages(s, m);
    expect(a.overall).toEqual(overall);
    expect(a.professional).toEqual(professional);
    expect(a.missing).toEqual(missing);
    expect(a.unjustifiedAbsences).toEqual(absences);
    expect(a.tests.map((t) => t.code)).toEqual(['T', 'A', 'P']);
  });
});

describe('computeAverages: every status, on a professional test T (G 1 [G]; T 1 + P 1 [P]; G = P = 10)', () => {
  const s = structure([gen('G', 100), pro('T', 100), pro('P', 100)]);
  it.each<StatusRow>([
    {
      name: 'MARK 14',
      entry: mark(1400),
      overall: frac(34, 3),
      professional: frac(12),
      missing: [],
      absences: [],
    },
    {
      name: 'KEPT 14',
      entry: kept(1400),
      overall: frac(34, 3),
      professional: frac(12),
      missing: [],
      absences: [],
    },
    {
      name: 'EXEMPT',
      entry: EXEMPT,
      overall: frac(10),
      professional: frac(10),
      missing: [],
      absences: [],
    },
    {
      name: 'ABSENT_JUSTIFIED',
      entry: ABSENT_JUSTIFIED,
      overall: frac(20, 3),
      professional: frac(5),
      missing: [],
      absences: [],
    },
    {
      name: 'ABSENT',
      entry: ABSENT,
      overall: frac(10),
      professional: frac(10),
      missing: [],
      absences: ['T'],
    },
    {
      name: 'missing',
      entry: undefined,
      overall: frac(10),
      professional: frac(10),
      missing: ['T'],
      absences: [],
    },
  ])('$name', ({ entry, overall, professional, missing, absences }) => {
    const m = marks({ G: 1000, P: 1000, ...(entry === undefined ? {} : { T: entry }) });
    const a = computeAverages(s, m);
    expect(a.overall).toEqual(overall);
    expect(a.professional).toEqual(professional);
    expect(a.missing).toEqual(missing);
    expect(a.unjustifiedAbsences).toEqual(absences);
  });
});

describe('computeAverages: weights and exactness', () => {
  it('weights by coefficients: (3×12 + 1×8) / 4 = 11', () => {
    const s = structure([gen('A', 300), pro('B', 100)]);
    const a = computeAverages(s, marks({ A: 1200, B: 800 }));
    expect(a.overall).toEqual(frac(11));
    expect(a.professional).toEqual(frac(8));
  });

  it('the realistic MCO candidate: G = 204/21 = 68/7, P = 138/12 = 23/2', () => {
    const a = computeAverages(MCO, MCO_CONTROL_CANDIDATE);
    expect(a.overall).toEqual(frac(68, 7));
    expect(a.professional).toEqual(frac(23, 2));
    expect(a.tests.map((t) => t.code)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6']);
    expect(a.tests[1]?.result).toEqual({ kind: 'COUNTED', value: frac(9), status: 'MARK' });
  });

  it('builds the exact 9.9995 = 19999/2000 (coefficients 1 and 19: (9,99 + 19×10) / 20)', () => {
    const s = structure([gen('A', 100), pro('B', 1900)]);
    const a = computeAverages(s, marks({ A: 999, B: 1000 }));
    expect(a.overall).toEqual(frac(19999, 2000));
  });

  it('is null when nothing counts', () => {
    const s = structure([gen('A', 100), pro('B', 100)]);
    const a = computeAverages(s, marks({ A: EXEMPT, B: EXEMPT }));
    expect(a.overall).toBeNull();
    expect(a.professional).toBeNull();
  });

  it('professional is null when every professional test is exempted', () => {
    const s = structure([gen('A', 100), pro('B', 100)]);
    const a = computeAverages(s, marks({ A: 900, B: EXEMPT }));
    expect(a.overall).toEqual(frac(9));
    expect(a.professional).toBeNull();
  });

  it('lists every missing code, parts included, in structure order', () => {
    const a = computeAverages(MCO, marks({ E21: 1000, E41: 1000, E5: 1000 }));
    expect(a.missing).toEqual(['E1', 'E22', 'E3', 'E42', 'E6']);
  });

  it('uses a replacement as a counted mark (best-of after the control)', () => {
    const s = structure([gen('A', 100), gen('B', 100), pro('P', 200)]);
    const m = marks({ A: 600, B: ABSENT_JUSTIFIED, P: 1000 });
    const a = computeAverages(s, m, NATIONAL_RULES, new Map([['B', frac(14)]]));
    expect(a.overall).toEqual(frac(10)); // (6 + 14 + 2×10) / 4
    expect(a.tests[1]?.result).toEqual({ kind: 'COUNTED', value: frac(14), status: 'MARK' });
  });
});

describe('computeAverages: tests with parts (MCO E2 = E21 1,5 + E22 1,5)', () => {
  it('uses the weighted average of the parts with the whole coefficient', () => {
    // E2 = (12 + 9) / 2 = 10,5; the other five tests at 10: (18×10 + 3×10,5) / 21 = 211,5/21 = 141/14.
    const a = computeAverages(MCO, uniformMarks(MCO, 1000, { E21: 1200, E22: 900 }));
    expect(a.overall).toEqual(frac(141, 14));
    expect(a.professional).toEqual(frac(10));
  });

  it('an entry on the whole test wins over the parts', () => {
    const byParts = uniformMarks(MCO, 1000, { E21: 200, E22: 200 });
    const whole = new Map(byParts).set('E2', mark(1600));
    // (18×10 + 3×16) / 21 = 228/21 = 76/7
    expect(computeAverages(MCO, whole).overall).toEqual(frac(76, 7));
    const exemptWhole = new Map(byParts).set('E2', EXEMPT);
    expect(computeAverages(MCO, exemptWhole).overall).toEqual(frac(10));
  });

  it('a missing part leaves the candidate pending on that part', () => {
    const m = uniformMarks(MCO, 1000);
    const withoutE22 = new Map(m);
    withoutE22.delete('E22');
    expect(computeAverages(MCO, withoutE22).missing).toEqual(['E22']);
  });

  it('an unjustified absence at a part is an absence from the test', () => {
    const a = computeAverages(MCO, uniformMarks(MCO, 1000, { E41: ABSENT }));
    expect(a.unjustifiedAbsences).toEqual(['E4']);
  });

  it('both parts exempted: the whole test leaves both sums', () => {
    const a = computeAverages(MCO, uniformMarks(MCO, 1000, { E21: EXEMPT, E22: EXEMPT, E1: 1300 }));
    // (3×13 + 15×10) / 18 = 189/18 = 21/2
    expect(a.overall).toEqual(frac(21, 2));
  });

  it('one part exempted: that part leaves both sums, mark and coefficient (spec, "dispensé")', () => {
    // E21 exempted, E22 = 12, the rest 10. The exempted E21 (coefficient 1,5)
    // leaves the denominator: (18×10 + 1,5×12) / 19,5 = 198/19,5 = 132/13.
    // (Counting E22 with the whole coefficient 3 would give 216/21 = 72/7.)
    const a = computeAverages(MCO, uniformMarks(MCO, 1000, { E21: EXEMPT, E22: 1200 }));
    expect(a.overall).toEqual(frac(132, 13));
    expect(a.overall).not.toEqual(frac(72, 7));
  });

  it('one professional part exempted: it leaves the professional sums too', () => {
    // E41 exempted, E42 = 16, E5 = E6 = 10: P = (3×16 + 3×10 + 3×10) / 9 = 12.
    const a = computeAverages(MCO, uniformMarks(MCO, 1000, { E41: EXEMPT, E42: 1600 }));
    expect(a.professional).toEqual(frac(12));
    // G = (9×10 [general] + 3×16 + 6×10) / 18 = 198/18 = 11.
    expect(a.overall).toEqual(frac(11));
  });
});

describe('computeAverages: optional tests (policy POINTS_ABOVE_10 by default)', () => {
  const base = uniformMarks(MCO, 1000); // compulsory average exactly 10 over 21
  it.each<[string, MarkEntry | undefined, Fraction]>([
    ['14 adds (14 − 10) × 1 to the numerator only', mark(1400), frac(214, 21)],
    ['20 adds 10 points', mark(2000), frac(220, 21)],
    ['10,01 adds 0,01', mark(1001), frac(21001, 2100)],
    ['exactly 10 adds nothing', mark(1000), frac(10)],
    ['below 10 takes nothing away', mark(400), frac(10)],
    ['kept 16 adds 6', kept(1600), frac(216, 21)],
    ['not taken (no entry) adds nothing and is not missing', undefined, frac(10)],
    ['exempted adds nothing', EXEMPT, frac(10)],
    ['absent does not fail and adds nothing', ABSENT, frac(10)],
    ['absent justified adds nothing', ABSENT_JUSTIFIED, frac(10)],
  ])('%s', (_name, entry, overall) => {
    const m = entry === undefined ? base : new Map(base).set('EF1', entry);
    const a = computeAverages(MCO_WITH_OPTIONAL, m);
    expect(a.overall).toEqual(overall);
    expect(a.professional).toEqual(frac(10));
    expect(a.missing).toEqual([]);
    expect(a.unjustifiedAbsences).toEqual([]);
  });

  it('policy IGNORED leaves optional tests out altogether', () => {
    const m = new Map(base).set('EF1', mark(2000));
    expect(computeAverages(MCO_WITH_OPTIONAL, m, IGNORE_OPTIONAL).overall).toEqual(frac(10));
  });

  it('two optional tests, with fractional coefficients, add their points; a professional optional stays out of P', () => {
    const s = structure([
      gen('A', 100),
      pro('B', 100),
      opt('F1', 150),
      opt('F2', 50, 'PROFESSIONAL'),
    ]);
    // (8 + 12 + 1,5 × 4 + 0,5 × 6) / 2 = 29/2
    const a = computeAverages(s, marks({ A: 800, B: 1200, F1: 1400, F2: 1600 }));
    expect(a.overall).toEqual(frac(29, 2));
    expect(a.professional).toEqual(frac(12));
  });

  it('optional points can take the overall above 20 (why the bounded properties exclude them)', () => {
    const s = structure([gen('A', 100), opt('F', 100)]);
    expect(computeAverages(s, marks({ A: 2000, F: 2000 })).overall).toEqual(frac(30));
  });

  it('optional points alone make no average', () => {
    const s = structure([gen('A', 100), opt('F', 100)]);
    expect(computeAverages(s, marks({ A: EXEMPT, F: 2000 })).overall).toBeNull();
  });
});
