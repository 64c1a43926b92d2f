import { describe, it, expect } from 'vitest';
import { viewAverage } from './average-display.ts';
import { computeAverages } from './averages.ts';
import type { Fraction } from './fraction.ts';
import {
  type FirstGroupOutcome,
  type FirstGroupReason,
  decideFirstGroup,
  firstGroupOutcome,
} from './first-group-outcome.ts';
import type { MarkEntry } from './mark-entry.ts';
import {
  ABSENT,
  ABSENT_JUSTIFIED,
  EXEMPT,
  MCO,
  MCO_CONTROL_CANDIDATE,
  frac,
  gen,
  kept,
  marks,
  pro,
  structure,
  uniformMarks,
} from '../../test/fixtures.ts';

/** Two tests of coefficient 1: G = (g + p) / 2, P = p. */
const TWO = structure([gen('G1', 100), pro('P1', 100)]);

interface Row {
  readonly name: string;
  readonly g: MarkEntry | number;
  readonly p: MarkEntry | number;
  readonly outcome: FirstGroupOutcome;
  readonly reason: FirstGroupReason;
  readonly overall: Fraction;
  readonly professional: Fraction | null;
  readonly display: string;
}

describe('first-group outcome: every row of the spec table, with its boundaries', () => {
  it.each<Row>([
    // any unjustified absence → failed, whatever the averages
    {
      name: 'unjustified absence with G = 20 ≥ 10',
      g: ABSENT,
      p: 2000,
      outcome: 'FAILED',
      reason: 'UNJUSTIFIED_ABSENCE',
      overall: frac(20),
      professional: frac(20),
      display: '20,00',
    },
    {
      name: 'unjustified absence at a professional test',
      g: 2000,
      p: ABSENT,
      outcome: 'FAILED',
      reason: 'UNJUSTIFIED_ABSENCE',
      overall: frac(20),
      professional: null,
      display: '20,00',
    },
    // G ≥ 10 → admitted
    {
      name: 'G exactly 10',
      g: 1000,
      p: 1000,
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(10),
      professional: frac(10),
      display: '10,00',
    },
    {
      name: 'G = 10 with P below 10 (P does not matter)',
      g: 1200,
      p: 800,
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(10),
      professional: frac(8),
      display: '10,00',
    },
    {
      name: 'G = 20',
      g: 2000,
      p: 2000,
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(20),
      professional: frac(20),
      display: '20,00',
    },
    {
      name: 'G = 10,005 (kept marks count)',
      g: kept(1001),
      p: 1000,
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(2001, 200),
      professional: frac(10),
      display: '10,00',
    },
    // 8 ≤ G < 10 and P ≥ 10 → control allowed
    {
      name: 'G = 9,995 (10 − 0,005), P = 10',
      g: 999,
      p: 1000,
      outcome: 'CONTROL_ALLOWED',
      reason: 'CONTROL_THRESHOLDS_MET',
      overall: frac(1999, 200),
      professional: frac(10),
      display: '9,99',
    },
    {
      name: 'G exactly 8, P = 10',
      g: 600,
      p: 1000,
      outcome: 'CONTROL_ALLOWED',
      reason: 'CONTROL_THRESHOLDS_MET',
      overall: frac(8),
      professional: frac(10),
      display: '8,00',
    },
    {
      name: 'G = 9, P exactly 10',
      g: 800,
      p: 1000,
      outcome: 'CONTROL_ALLOWED',
      reason: 'CONTROL_THRESHOLDS_MET',
      overall: frac(9),
      professional: frac(10),
      display: '9,00',
    },
    {
      name: 'G = 8, justified absence (0) at G1, P = 16',
      g: ABSENT_JUSTIFIED,
      p: 1600,
      outcome: 'CONTROL_ALLOWED',
      reason: 'CONTROL_THRESHOLDS_MET',
      overall: frac(8),
      professional: frac(16),
      display: '8,00',
    },
    // otherwise → failed
    {
      name: 'G = 7,99 (8 minus one hundredth), P = 10',
      g: 598,
      p: 1000,
      outcome: 'FAILED',
      reason: 'OVERALL_BELOW_8',
      overall: frac(799, 100),
      professional: frac(10),
      display: '7,99',
    },
    {
      name: 'G = 7,995, P = 10',
      g: 599,
      p: 1000,
      outcome: 'FAILED',
      reason: 'OVERALL_BELOW_8',
      overall: frac(1599, 200),
      professional: frac(10),
      display: '7,99',
    },
    {
      name: 'G = 0',
      g: 0,
      p: 0,
      outcome: 'FAILED',
      reason: 'OVERALL_BELOW_8',
      overall: frac(0),
      professional: frac(0),
      display: '0,00',
    },
    {
      name: 'G = 9, P = 9,99 (10 minus one hundredth)',
      g: 801,
      p: 999,
      outcome: 'FAILED',
      reason: 'PROFESSIONAL_BELOW_10',
      overall: frac(9),
      professional: frac(999, 100),
      display: '9,00',
    },
    {
      name: 'G = 8, P = 8',
      g: 800,
      p: 800,
      outcome: 'FAILED',
      reason: 'PROFESSIONAL_BELOW_10',
      overall: frac(8),
      professional: frac(8),
      display: '8,00',
    },
    {
      name: 'G = 9, professional test exempted (no P)',
      g: 900,
      p: EXEMPT,
      outcome: 'FAILED',
      reason: 'NO_PROFESSIONAL_AVERAGE',
      overall: frac(9),
      professional: null,
      display: '9,00',
    },
  ])('$name → $outcome ($reason)', ({ g, p, outcome, reason, overall, professional, display }) => {
    const evaluation = firstGroupOutcome(TWO, marks({ G1: g, P1: p }));
    expect(evaluation).toMatchObject({
      status: 'DECIDED',
      outcome,
      reason,
      overallAverage: overall,
      professionalAverage: professional,
    });
    if (evaluation.status === 'DECIDED')
      expect(viewAverage(evaluation.overallAverage).display).toBe(display);
  });

  it('G = 9.9995 exactly (19999/2000) is not admitted and shows "9,99"', () => {
    // Coefficients 1 and 19: (1×9,99 + 19×10) / 20 = 199,99/20 = 19999/2000.
    const s = structure([gen('A', 100), pro('B', 1900)]);
    const evaluation = firstGroupOutcome(s, marks({ A: 999, B: 1000 }));
    expect(evaluation).toMatchObject({
      status: 'DECIDED',
      outcome: 'CONTROL_ALLOWED',
      overallAverage: frac(19999, 2000),
    });
    if (evaluation.status !== 'DECIDED') throw new Error('decided expected');
    expect(viewAverage(evaluation.overallAverage)).toEqual({
      hundredths: 999,
      display: '9,99',
      exact: '19999/2000',
    });
    // One hundredth more on A: (10 + 190) / 20 = 10 → admitted, "10,00".
    const admitted = firstGroupOutcome(s, marks({ A: 1000, B: 1000 }));
    expect(admitted).toMatchObject({
      status: 'DECIDED',
      outcome: 'ADMITTED',
      overallAverage: frac(10),
    });
  });

  it('professional average exactly 10 vs one hundredth below, on MCO (P over E4 6 + E5 3 + E6 3)', () => {
    // General tests at 6: G = (9×6 + 12×P) / 21.
    // P = 10 exactly: E41 = E42 = E5 = E6 = 10 → G = (54 + 120) / 21 = 174/21 = 58/7 ≈ 8,28.
    const atTen = uniformMarks(MCO, 1000, { E1: 600, E21: 600, E22: 600, E3: 600 });
    expect(firstGroupOutcome(MCO, atTen)).toMatchObject({
      outcome: 'CONTROL_ALLOWED',
      professionalAverage: frac(10),
      overallAverage: frac(58, 7),
    });
    // E41 9,96 → P = (3×9,96 + 3×10 + 6×10) / 12 = 119,88/12 = 9,99.
    const below = new Map(atTen).set('E41', { status: 'MARK', hundredths: 996 });
    expect(firstGroupOutcome(MCO, below)).toMatchObject({
      outcome: 'FAILED',
      reason: 'PROFESSIONAL_BELOW_10',
      professionalAverage: frac(999, 100),
    });
  });

  it('the realistic MCO candidate is allowed to the control (G = 68/7, P = 23/2)', () => {
    expect(firstGroupOutcome(MCO, MCO_CONTROL_CANDIDATE)).toMatchObject({
      status: 'DECIDED',
      outcome: 'CONTROL_ALLOWED',
      reason: 'CONTROL_THRESHOLDS_MET',
      overallAverage: frac(68, 7),
      professionalAverage: frac(23, 2),
      unjustifiedAbsences: [],
    });
  });
});

describe('first-group outcome: no outcome without every mark', () => {
  it.each<[string, Record<string, MarkEntry | number>, readonly string[]]>([
    ['a missing test', { G1: 1500 }, ['P1']],
    ['every mark missing', {}, ['G1', 'P1']],
    ['a missing mark even with an unjustified absence', { G1: ABSENT }, ['P1']],
  ])('%s → PENDING listing the missing codes', (_name, entries, missing) => {
    expect(firstGroupOutcome(TWO, marks(entries))).toEqual({ status: 'PENDING', missing });
  });

  it('a missing part → PENDING listing the part codes', () => {
    const m = new Map(uniformMarks(MCO, 1500));
    m.delete('E22');
    m.delete('E41');
    expect(firstGroupOutcome(MCO, m)).toEqual({ status: 'PENDING', missing: ['E22', 'E41'] });
  });

  it('everything exempted → NOTHING_TO_AVERAGE, not PENDING (no mark is missing)', () => {
    expect(firstGroupOutcome(TWO, marks({ G1: EXEMPT, P1: EXEMPT }))).toEqual({
      status: 'NOTHING_TO_AVERAGE',
    });
  });
});

describe('first-group outcome: unjustified absences', () => {
  it('lists every unjustified absence, parts resolved to their test', () => {
    const m = uniformMarks(MCO, 2000, { E1: ABSENT, E42: ABSENT });
    expect(firstGroupOutcome(MCO, m)).toMatchObject({
      status: 'DECIDED',
      outcome: 'FAILED',
      reason: 'UNJUSTIFIED_ABSENCE',
      unjustifiedAbsences: ['E1', 'E4'],
    });
  });

  it.each<[string, Record<string, MarkEntry | number>]>([
    ['absent from every test', { G1: ABSENT, P1: ABSENT }],
    ['absent from the one test not exempted', { G1: ABSENT, P1: EXEMPT }],
  ])('%s → FAILED (not pending), although no average can be computed', (_name, entries) => {
    const evaluation = firstGroupOutcome(TWO, marks(entries));
    expect(evaluation).toMatchObject({
      status: 'DECIDED',
      outcome: 'FAILED',
      reason: 'UNJUSTIFIED_ABSENCE',
    });
    if (evaluation.status === 'DECIDED') expect(evaluation.averages.overall).toBeNull();
  });

  it('decideFirstGroup gives the averages it decided on', () => {
    const averages = computeAverages(TWO, marks({ G1: 700, P1: 1100 }));
    expect(decideFirstGroup(averages)).toMatchObject({
      status: 'DECIDED',
      outcome: 'CONTROL_ALLOWED',
      averages,
      overallAverage: frac(9),
    });
  });
});
