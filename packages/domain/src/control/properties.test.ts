/**
 * Property-based tests of the marks and control rules, on random valid exam
 * structures and random marks. They live here (not in marks/) because they
 * share one generator and cover the whole chain: averages → first group →
 * control options → final outcome.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeAverages } from '../marks/averages.ts';
import type { ExamStructure, ExamTest, TestDomain } from '../marks/exam-structure.ts';
import { type FirstGroupOutcome, firstGroupOutcome } from '../marks/first-group-outcome.ts';
import { type Fraction, compare, fromInteger } from '../marks/fraction.ts';
import type { CandidateMarks, MarkEntry } from '../marks/mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import { controlOptions } from './control-options.ts';
import { eligibleControlTests } from './eligible-control-tests.ts';
import { type ControlMarkEntry, finalOutcome } from './final-outcome.ts';
import {
  ABSENT,
  ABSENT_JUSTIFIED,
  EXEMPT,
  kept,
  mark,
  part,
  examTest,
  structure,
} from '../../test/fixtures.ts';

const NUM_RUNS = 300;

// ---------------------------------------------------------------- generators

interface StructureOptions {
  /** Up to two optional tests are added when true. */
  readonly withOptional: boolean;
  /** At least this many general tests eligible for control (≥ 1). */
  readonly minGeneralEligible: number;
}

interface TestSpec {
  readonly coefficient: number;
  readonly split: number | null; // first part's share, in hundredths of the coefficient, or no parts
  readonly domain: TestDomain;
  readonly eligible: boolean;
}

const testSpecArb: fc.Arbitrary<TestSpec> = fc.record({
  coefficient: fc.integer({ min: 50, max: 500 }),
  split: fc.option(fc.integer({ min: 1, max: 99 }), { freq: 2 }),
  domain: fc.constantFrom<TestDomain>('GENERAL', 'PROFESSIONAL'),
  eligible: fc.boolean(),
});

function buildTest(code: string, spec: TestSpec, optional = false): ExamTest {
  if (spec.split === null || optional) {
    return examTest(code, spec.domain, spec.coefficient, {
      optional,
      controlEligible: !optional && spec.domain === 'GENERAL' && spec.eligible,
    });
  }
  const first = Math.max(
    1,
    Math.min(spec.coefficient - 1, Math.round((spec.coefficient * spec.split) / 100)),
  );
  return examTest(code, spec.domain, null, {
    controlEligible: spec.domain === 'GENERAL' && spec.eligible,
    parts: [part(`${code}1`, first), part(`${code}2`, spec.coefficient - first)],
  });
}

/** 2..8 compulsory tests, coefficients 0,5..5, some with two parts, ≥ 1 professional, ≥ n general eligible. */
function structureArb(options: StructureOptions): fc.Arbitrary<ExamStructure> {
  const min = Math.max(2, options.minGeneralEligible + 1);
  return fc
    .record({
      specs: fc.array(testSpecArb, { minLength: min, maxLength: 8 }),
      optional: fc.array(testSpecArb, { maxLength: options.withOptional ? 2 : 0 }),
      offset: fc.nat(),
    })
    .map(({ specs, optional, offset }) => {
      // Force one professional test and the wanted general eligible ones, at rotating places.
      const forced = specs.map((spec, i) => {
        const k = (i + offset) % specs.length;
        if (k === 0) return { ...spec, domain: 'PROFESSIONAL' as const };
        if (k <= options.minGeneralEligible)
          return { ...spec, domain: 'GENERAL' as const, eligible: true };
        return spec;
      });
      return structure([
        ...forced.map((spec, i) => buildTest(`E${i + 1}`, spec)),
        ...optional.map((spec, i) => buildTest(`EF${i + 1}`, spec, true)),
      ]);
    });
}

/** The codes marks are entered under: parts for a test with parts, the test otherwise. */
function assessedCodes(s: ExamStructure): string[] {
  return s.tests.flatMap((t) => (t.parts.length === 0 ? [t.code] : t.parts.map((p) => p.code)));
}

/** A mark entry, mostly ordinary marks, with occasional statuses; undefined = missing. */
const entryArb = (
  statuses: boolean,
  range: { min: number; max: number } = { min: 0, max: 2000 },
): fc.Arbitrary<MarkEntry | undefined> =>
  statuses
    ? fc.oneof(
        { weight: 30, arbitrary: fc.integer(range).map(mark) },
        { weight: 2, arbitrary: fc.integer({ min: 1000, max: 2000 }).map(kept) },
        { weight: 1, arbitrary: fc.constant(EXEMPT) },
        { weight: 1, arbitrary: fc.constant(ABSENT_JUSTIFIED) },
        { weight: 1, arbitrary: fc.constant(ABSENT) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.oneof(
        { weight: 30, arbitrary: fc.integer(range).map(mark) },
        {
          weight: 1,
          arbitrary: fc.integer({ min: Math.max(1000, range.min), max: 2000 }).map(kept),
        },
        { weight: 1, arbitrary: fc.constant(ABSENT_JUSTIFIED) },
      );

/** Random marks for a structure; sometimes an entry on a whole test that has parts. */
function marksArb(s: ExamStructure, statuses = true): fc.Arbitrary<CandidateMarks> {
  const codes = assessedCodes(s);
  const wholeCodes = s.tests.filter((t) => t.parts.length > 0).map((t) => t.code);
  return fc
    .record({
      entries: fc.tuple(...codes.map(() => entryArb(statuses))),
      wholes: fc.tuple(...wholeCodes.map(() => fc.option(entryArb(statuses), { freq: 6 }))),
    })
    .map(({ entries, wholes }) => {
      const m = new Map<string, MarkEntry>();
      codes.forEach((code, i) => {
        const e = entries[i];
        if (e !== undefined) m.set(code, e);
      });
      wholeCodes.forEach((code, i) => {
        const e = wholes[i];
        if (e !== null && e !== undefined) m.set(code, e);
      });
      return m;
    });
}

/**
 * Marks likely to be allowed to the control: professional tests 9..20,
 * general ones 2..13, few statuses, no missing mark and no absence.
 */
function controlCandidateMarksArb(s: ExamStructure): fc.Arbitrary<CandidateMarks> {
  const codes = s.tests.flatMap((t) =>
    t.parts.length === 0
      ? [{ code: t.code, test: t }]
      : t.parts.map((p) => ({ code: p.code, test: t })),
  );
  return fc
    .tuple(
      ...codes.map(({ test }) =>
        test.optional
          ? fc.option(fc.integer({ min: 0, max: 2000 }).map(mark), { freq: 2 })
          : fc.oneof(
              {
                weight: 20,
                arbitrary: fc
                  .integer(
                    test.domain === 'PROFESSIONAL'
                      ? { min: 900, max: 2000 }
                      : { min: 0, max: 1300 },
                  )
                  .map(mark),
              },
              { weight: 1, arbitrary: fc.constant(ABSENT_JUSTIFIED) },
              { weight: 1, arbitrary: fc.constant(EXEMPT) },
            ),
      ),
    )
    .map((entries) => {
      const m = new Map<string, MarkEntry>();
      codes.forEach(({ code }, i) => {
        const e = entries[i];
        if (e !== undefined && e !== null) m.set(code, e);
      });
      return m;
    });
}

const boundedCase = structureArb({ withOptional: false, minGeneralEligible: 1 }).chain((s) =>
  marksArb(s).map((m) => ({ s, m })),
);
const anyCase = structureArb({ withOptional: true, minGeneralEligible: 1 }).chain((s) =>
  marksArb(s).map((m) => ({ s, m })),
);
const controlCase = structureArb({ withOptional: false, minGeneralEligible: 2 })
  .chain((s) => controlCandidateMarksArb(s).map((m) => ({ s, m })))
  .filter(({ s, m }) => {
    const first = firstGroupOutcome(s, m);
    return (
      first.status === 'DECIDED' &&
      first.outcome === 'CONTROL_ALLOWED' &&
      eligibleControlTests(s, m).length >= 2
    );
  });

// ---------------------------------------------------------------- helpers

const ZERO_F = fromInteger(0);
const TWENTY = fromInteger(20);
const RANK: Record<FirstGroupOutcome, number> = { FAILED: 0, CONTROL_ALLOWED: 1, ADMITTED: 2 };
const toNumber = (f: Fraction) => Number(f.num) / Number(f.den);

/**
 * An independent float computation of the averages, from the spec: a part
 * or test exempted leaves both sums; a justified absence counts 0; optional
 * tests add (mark − 10) × coef above 10 to the numerator only.
 */
function floatAverages(
  s: ExamStructure,
  m: CandidateMarks,
  policy: RuleSet,
): { overall: number | null; professional: number | null } {
  let sum = 0;
  let weights = 0;
  let optional = 0;
  let proSum = 0;
  let proWeights = 0;
  const valueOf = (e: MarkEntry): number | null =>
    e.status === 'MARK' || e.status === 'KEPT'
      ? e.hundredths / 100
      : e.status === 'ABSENT_JUSTIFIED'
        ? 0
        : null;
  for (const t of s.tests) {
    let value: number | null = null;
    let coefficient = t.coefficientHundredths / 100;
    const whole = m.get(t.code);
    if (whole !== undefined || t.parts.length === 0) {
      value = whole === undefined ? null : valueOf(whole);
    } else {
      const entries = t.parts.map((p) => ({ p, e: m.get(p.code) }));
      if (entries.every(({ e }) => e !== undefined && e.status !== 'ABSENT')) {
        let partSum = 0;
        let partWeights = 0;
        for (const { p, e } of entries) {
          const v = e === undefined ? null : valueOf(e);
          if (v === null) continue; // exempted part
          partSum += v * (p.coefficientHundredths / 100);
          partWeights += p.coefficientHundredths / 100;
        }
        coefficient = partWeights;
        value = partWeights === 0 ? null : partSum / partWeights;
      }
    }
    if (value === null) continue;
    if (t.optional) {
      if (policy.optionalTests === 'POINTS_ABOVE_10' && value > 10)
        optional += (value - 10) * coefficient;
      continue;
    }
    sum += value * coefficient;
    weights += coefficient;
    if (t.domain === 'PROFESSIONAL') {
      proSum += value * coefficient;
      proWeights += coefficient;
    }
  }
  return {
    overall: weights === 0 ? null : (sum + optional) / weights,
    professional: proWeights === 0 ? null : proSum / proWeights,
  };
}

// ---------------------------------------------------------------- properties

describe('properties of the averages and the first-group outcome', () => {
  it('averages stay within [0, 20] without optional tests', () => {
    fc.assert(
      fc.property(boundedCase, ({ s, m }) => {
        const a = computeAverages(s, m);
        for (const avg of [a.overall, a.professional]) {
          if (avg === null) continue;
          expect(compare(avg, ZERO_F)).toBeGreaterThanOrEqual(0);
          expect(compare(avg, TWENTY)).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it.each<[string, RuleSet]>([
    ['default policy', NATIONAL_RULES],
    ['optional tests ignored', { ...NATIONAL_RULES, optionalTests: 'IGNORED' }],
  ])(
    'averages equal a float reference within 1e-9 (%s, optional tests included)',
    (_name, policy) => {
      fc.assert(
        fc.property(anyCase, ({ s, m }) => {
          const exact = computeAverages(s, m, policy);
          const float = floatAverages(s, m, policy);
          expect(exact.overall === null).toBe(float.overall === null);
          expect(exact.professional === null).toBe(float.professional === null);
          if (exact.overall !== null && float.overall !== null)
            expect(Math.abs(toNumber(exact.overall) - float.overall)).toBeLessThan(1e-9);
          if (exact.professional !== null && float.professional !== null) {
            expect(Math.abs(toNumber(exact.professional) - float.professional)).toBeLessThan(1e-9);
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
  );

  it('raising any one mark never lowers G or P and never worsens the outcome', () => {
    const raised = boundedCase.chain(({ s, m }) => {
      const counted = [...m.entries()].filter(
        ([, e]) => e.status === 'MARK' || e.status === 'KEPT' || e.status === 'ABSENT_JUSTIFIED',
      );
      if (counted.length === 0) return fc.constant({ s, m, after: m });
      return fc
        .record({
          index: fc.nat({ max: counted.length - 1 }),
          to: fc.integer({ min: 0, max: 2000 }),
        })
        .map(({ index, to }) => {
          const [code, entry] = counted[index] as [string, MarkEntry];
          const from = entry.status === 'MARK' || entry.status === 'KEPT' ? entry.hundredths : 0;
          const h = Math.max(from, to);
          const next: MarkEntry = entry.status === 'KEPT' ? kept(h) : mark(h);
          const after: CandidateMarks = new Map(m).set(code, next);
          return { s, m, after };
        });
    });
    fc.assert(
      fc.property(raised, ({ s, m, after }) => {
        const a0 = computeAverages(s, m);
        const a1 = computeAverages(s, after);
        if (a0.overall !== null && a1.overall !== null)
          expect(compare(a1.overall, a0.overall)).toBeGreaterThanOrEqual(0);
        if (a0.professional !== null && a1.professional !== null)
          expect(compare(a1.professional, a0.professional)).toBeGreaterThanOrEqual(0);
        expect(a1.unjustifiedAbsences).toEqual(a0.unjustifiedAbsences);
        const o0 = firstGroupOutcome(s, m);
        const o1 = firstGroupOutcome(s, after);
        if (o0.status === 'DECIDED' && o1.status === 'DECIDED')
          expect(RANK[o1.outcome]).toBeGreaterThanOrEqual(RANK[o0.outcome]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a decided outcome follows the spec table exactly', () => {
    fc.assert(
      fc.property(boundedCase, ({ s, m }) => {
        const o = firstGroupOutcome(s, m);
        const a = computeAverages(s, m);
        if (a.missing.length > 0) {
          expect(o).toEqual({ status: 'PENDING', missing: a.missing });
          return;
        }
        if (o.status !== 'DECIDED') {
          expect(o).toEqual({ status: 'NOTHING_TO_AVERAGE' });
          expect(a.overall).toBeNull();
          expect(a.unjustifiedAbsences).toEqual([]);
          return;
        }
        const g = o.overallAverage;
        const p = o.professionalAverage;
        const expected: FirstGroupOutcome =
          a.unjustifiedAbsences.length > 0
            ? 'FAILED'
            : compare(g, fromInteger(10)) >= 0
              ? 'ADMITTED'
              : compare(g, fromInteger(8)) >= 0 && p !== null && compare(p, fromInteger(10)) >= 0
                ? 'CONTROL_ALLOWED'
                : 'FAILED';
        expect(o.outcome).toBe(expected);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('properties of the control', () => {
  it('the generator finds candidates allowed to the control', () => {
    const samples = fc.sample(controlCase, { numRuns: 20, seed: 42 });
    expect(samples.length).toBe(20);
  });

  it('best-of never lowers the final average below the first-group one, nor changes P', () => {
    const withOrals = controlCase.chain(({ s, m }) => {
      const eligible = eligibleControlTests(s, m);
      const controlEntry: fc.Arbitrary<ControlMarkEntry> = fc.oneof(
        {
          weight: 10,
          arbitrary: fc
            .integer({ min: 0, max: 2000 })
            .map((h) => ({ status: 'MARK' as const, hundredths: h })),
        },
        { weight: 1, arbitrary: fc.constant({ status: 'ABSENT' as const }) },
      );
      return fc
        .record({
          pair: fc.uniqueArray(fc.nat({ max: eligible.length - 1 }), {
            minLength: 2,
            maxLength: 2,
          }),
          a: controlEntry,
          b: controlEntry,
        })
        .map(({ pair, a, b }) => {
          const codes = pair.map((i) => (eligible[i] as ExamTest).code) as [string, string];
          return {
            s,
            m,
            codes,
            control: new Map<string, ControlMarkEntry>([
              [codes[0], a],
              [codes[1], b],
            ]),
          };
        });
    });
    fc.assert(
      fc.property(withOrals, ({ s, m, codes, control }) => {
        const first = firstGroupOutcome(s, m);
        if (first.status !== 'DECIDED') throw new Error('unreachable: filtered');
        const r = finalOutcome({
          structure: s,
          firstGroupMarks: m,
          chosenTestCodes: codes,
          controlMarks: control,
        });
        expect(r.status).toBe('DECIDED');
        if (r.status !== 'DECIDED') return;
        expect(compare(r.overallAverage, first.overallAverage)).toBeGreaterThanOrEqual(0);
        expect(r.professionalAverage).toEqual(first.professionalAverage);
        expect(r.outcome === 'ADMITTED').toBe(compare(r.overallAverage, fromInteger(10)) >= 0);
        for (const t of r.tests) expect(compare(t.kept, t.firstGroup)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the decision-support minimum admits via finalOutcome, one hundredth less does not; out of reach means 20 fails', () => {
    fc.assert(
      fc.property(controlCase, ({ s, m }) => {
        const options = controlOptions(s, m);
        const n = eligibleControlTests(s, m).length;
        expect(options.length).toBe((n * (n - 1)) / 2);
        const outcomeWith = (codes: [string, string], h: number) => {
          const r = finalOutcome({
            structure: s,
            firstGroupMarks: m,
            chosenTestCodes: codes,
            controlMarks: new Map<string, ControlMarkEntry>(
              codes.map((c) => [c, { status: 'MARK', hundredths: h }]),
            ),
          });
          return r.status === 'DECIDED' ? r.outcome : r.status;
        };
        for (const o of options) {
          const codes: [string, string] = [o.tests[0].code, o.tests[1].code];
          if (o.minimumMarkInBoth === null) {
            expect(o.reachable).toBe(false);
            expect(outcomeWith(codes, 2000)).toBe('FAILED');
          } else {
            expect(o.reachable).toBe(true);
            expect(outcomeWith(codes, o.minimumMarkInBoth)).toBe('ADMITTED');
            if (o.minimumMarkInBoth > 0)
              expect(outcomeWith(codes, o.minimumMarkInBoth - 1)).toBe('FAILED');
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
