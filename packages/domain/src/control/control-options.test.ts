import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import type { ExamStructure } from '../marks/exam-structure.ts';
import { firstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import { type Fraction, compare, fraction } from '../marks/fraction.ts';
import { type ControlOption, controlOptions, leastAdmittingMark } from './control-options.ts';
import { finalOutcome } from './final-outcome.ts';
import {
  EXEMPT,
  MCO,
  MCO_CONTROL_CANDIDATE,
  MCO_WITH_OPTIONAL,
  controlMarks,
  frac,
  gen,
  marks,
  pro,
  structure,
  uniformMarks,
} from '../../test/fixtures.ts';

type Summary = readonly [string, string, number | null];
const summary = (options: readonly ControlOption[]): Summary[] =>
  options.map((o) => [o.tests[0].code, o.tests[1].code, o.minimumMarkInBoth]);

/** Checks an option against finalOutcome: m in both admits, m − 0,01 does not; unreachable: 20 does not. */
function checkWithFinalOutcome(
  s: ExamStructure,
  m: CandidateMarks,
  option: ControlOption,
  policy: RuleSet = NATIONAL_RULES,
): void {
  const [a, b] = option.tests;
  const outcome = (h: number) => {
    const r = finalOutcome({
      structure: s,
      firstGroupMarks: m,
      chosenTestCodes: [a.code, b.code],
      controlMarks: controlMarks({ [a.code]: h, [b.code]: h }),
      policy,
    });
    return r.status === 'DECIDED' ? r.outcome : r.status;
  };
  if (option.minimumMarkInBoth === null) {
    expect(option.reachable).toBe(false);
    expect(outcome(2000)).toBe('FAILED');
  } else {
    expect(option.reachable).toBe(true);
    expect(outcome(option.minimumMarkInBoth)).toBe('ADMITTED');
    if (option.minimumMarkInBoth > 0) expect(outcome(option.minimumMarkInBoth - 1)).toBe('FAILED');
  }
}

describe('controlOptions: the realistic MCO candidate (E1 7, E2 9, E3 6; 204 points over 21, 6 short of 210)', () => {
  // Hand computation, m being the mark obtained in both orals:
  // - E1 + E2: below 9 only E1 gains, 3(m − 7) ≥ 6 → m ≥ 9; at 9, E2 (9) gains
  //   nothing and E1 gains 6: exactly 210/21 = 10. Minimum 9,00.
  // - E1 + E3: 3(m − 7) + 3(m − 6) ≥ 6 → 6m ≥ 45 → m ≥ 7,5 (and between 6 and 7
  //   E3 alone would need m ≥ 8 > 7). Minimum 7,50.
  // - E2 + E3: below 9 only E3 gains, 3(m − 6) ≥ 6 → m ≥ 8. Minimum 8,00.
  it('gives the hand-computed minimum for each pair, in structure order', () => {
    const options = controlOptions(MCO, MCO_CONTROL_CANDIDATE);
    expect(summary(options)).toEqual([
      ['E1', 'E2', 900],
      ['E1', 'E3', 750],
      ['E2', 'E3', 800],
    ]);
    expect(options.every((o) => o.reachable)).toBe(true);
    for (const o of options) checkWithFinalOutcome(MCO, MCO_CONTROL_CANDIDATE, o);
  });

  it('the minimum lands exactly on 10 (E1 + E3 at 7,50: 210/21)', () => {
    const r = finalOutcome({
      structure: MCO,
      firstGroupMarks: MCO_CONTROL_CANDIDATE,
      chosenTestCodes: ['E1', 'E3'],
      controlMarks: controlMarks({ E1: 750, E3: 750 }),
    });
    expect(r).toMatchObject({ status: 'DECIDED', outcome: 'ADMITTED', overallAverage: frac(10) });
  });

  it('an exempted test is not offered: E2 exempted leaves only E1 + E3', () => {
    // E1 7, E3 6, P 138 points: 177 over 18, 3 short of 180. E3 alone: 3(m − 6) ≥ 3 → m ≥ 7;
    // with E1 too from 7 on: 6m − 39 ≥ 3 → m ≥ 7. Minimum 7,00.
    const m = new Map(MCO_CONTROL_CANDIDATE).set('E2', EXEMPT);
    expect(summary(controlOptions(MCO, m))).toEqual([['E1', 'E3', 700]]);
  });

  it('optional points count (default policy) and not under IGNORED', () => {
    // EF1 13: + 3 × 1 = 3 points: 207 over 21, 3 short.
    // E1 + E2: 3(m − 7) ≥ 3 → 8. E1 + E3: 6m − 39 ≥ 3 → 7 (E3 alone also needs 7). E2 + E3: 3(m − 6) ≥ 3 → 7.
    const m = new Map(MCO_CONTROL_CANDIDATE).set('EF1', { status: 'MARK', hundredths: 1300 });
    expect(summary(controlOptions(MCO_WITH_OPTIONAL, m))).toEqual([
      ['E1', 'E2', 800],
      ['E1', 'E3', 700],
      ['E2', 'E3', 700],
    ]);
    const ignored: RuleSet = { ...NATIONAL_RULES, optionalTests: 'IGNORED' };
    const options = controlOptions(MCO_WITH_OPTIONAL, m, ignored);
    expect(summary(options)).toEqual([
      ['E1', 'E2', 900],
      ['E1', 'E3', 750],
      ['E2', 'E3', 800],
    ]);
    for (const o of options) checkWithFinalOutcome(MCO_WITH_OPTIONAL, m, o, ignored);
  });
});

describe('controlOptions: pairs out of reach', () => {
  // G1 1, G2 1, G4 3: eligible general tests at 0; G3 18: general, not eligible, at 7; P 10 at 14.
  // 126 + 140 = 266 points over 33 ≈ 8,06; P = 14 → control allowed. 330 points needed.
  const s = structure([
    gen('G1', 100),
    gen('G2', 100),
    gen('G3', 1800, { controlEligible: false }),
    gen('G4', 300),
    pro('P', 1000),
  ]);
  const m = marks({ G1: 0, G2: 0, G3: 700, G4: 0, P: 1400 });

  it('is allowed to the control', () => {
    expect(firstGroupOutcome(s, m)).toMatchObject({
      outcome: 'CONTROL_ALLOWED',
      overallAverage: frac(266, 33),
    });
  });

  it('G1 + G2: 20 in both gives 306/33 < 10 → out of reach; G1/G2 + G4: 4m ≥ 64 → 16,00', () => {
    const options = controlOptions(s, m);
    expect(summary(options)).toEqual([
      ['G1', 'G2', null],
      ['G1', 'G4', 1600],
      ['G2', 'G4', 1600],
    ]);
    expect(options.map((o) => o.reachable)).toEqual([false, true, true]);
    for (const o of options) checkWithFinalOutcome(s, m, o);
  });
});

describe('controlOptions: empty unless allowed to the control', () => {
  it.each<[string, CandidateMarks]>([
    ['admitted', uniformMarks(MCO, 1200)],
    ['failed, G below 8', uniformMarks(MCO, 500)],
    ['failed, P below 10', uniformMarks(MCO, 900)],
    ['failed, unjustified absence', new Map(MCO_CONTROL_CANDIDATE).set('E5', { status: 'ABSENT' })],
    ['pending', marks({ E1: 1000 })],
  ])('%s → []', (_name, m) => {
    expect(controlOptions(MCO, m)).toEqual([]);
  });

  it('allowed but fewer than two eligible tests → no pair', () => {
    const s = structure([gen('A', 100), gen('B', 100, { controlEligible: false }), pro('P', 100)]);
    const m = marks({ A: 600, B: 600, P: 1400 }); // G = 26/3 ≈ 8,67, P = 14
    expect(firstGroupOutcome(s, m)).toMatchObject({ outcome: 'CONTROL_ALLOWED' });
    expect(controlOptions(s, m)).toEqual([]);
  });
});

describe('leastAdmittingMark: the search behind each minimum', () => {
  // A non-decreasing average over 0..2000 hundredths, of any shape: steps,
  // a slope and a curve, each weight ≥ 0. The answer is the least mark
  // whose average reaches the threshold, whichever shape it has.
  const shape = fc.record({
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 50 })), {
      maxLength: 4,
    }),
    slope: fc.integer({ min: 0, max: 7 }),
    curve: fc.integer({ min: 0, max: 3 }),
    base: fc.integer({ min: 0, max: 1000 }),
  });
  type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;
  const averageOf =
    ({ steps, slope, curve, base }: Shape) =>
    (h: number): Fraction =>
      fraction(
        BigInt(base * 2000 * 2000) +
          BigInt(steps.reduce((sum, [at, rise]) => sum + (h >= at ? rise : 0), 0) * 2000 * 2000) +
          BigInt(slope * h * 2000) +
          BigInt(curve * h * h),
        BigInt(100 * 2000),
      );

  it('finds the least admitting mark of any non-decreasing average, from any break', () => {
    fc.assert(
      fc.property(
        shape,
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        (s, at, bothReplacedFrom) => {
          const average = averageOf(s);
          const threshold = average(at);
          let least = 0;
          while (compare(average(least), threshold) < 0) least += 1;
          expect(leastAdmittingMark(average, threshold, bothReplacedFrom, average(2000))).toBe(
            least,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a straight average above the break in three averages at most, where halving takes eleven', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1999 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 2000 }),
        (bothReplacedFrom, slope, at) => {
          fc.pre(at > bothReplacedFrom);
          const straight = (h: number) => fraction(BigInt(slope * h), 100n);
          const asked: number[] = [];
          const counted = (h: number) => {
            asked.push(h);
            return straight(h);
          };
          const threshold = straight(at);
          expect(leastAdmittingMark(counted, threshold, bothReplacedFrom, straight(2000))).toBe(at);
          // The break, the guess and the hundredth below it.
          expect(asked).toEqual(
            [bothReplacedFrom, at, at - 1].slice(0, at - 1 === bothReplacedFrom ? 2 : 3),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers a null average (an absence left standing) as failing, and still finds the mark', () => {
    // No average below 500; from 500 the average is h/100.
    const average = (h: number): Fraction | null => (h < 500 ? null : fraction(BigInt(h), 100n));
    expect(leastAdmittingMark(average, fraction(10n, 1n), 200, fraction(20n, 1n))).toBe(1000);
    expect(leastAdmittingMark(average, fraction(4n, 1n), 200, fraction(20n, 1n))).toBe(500);
  });
});
