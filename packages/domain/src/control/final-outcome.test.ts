import { describe, it, expect } from 'vitest';
import { DomainInputError } from '../errors.ts';
import type { Fraction } from '../marks/fraction.ts';
import { viewAverage } from '../marks/average-display.ts';
import { firstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import { NATIONAL_RULES, type RuleSet } from '../rules/rule-set.ts';
import {
  type ControlMarkEntry,
  type FinalEvaluation,
  type FinalOutcome,
  type FinalReason,
  finalOutcome,
} from './final-outcome.ts';
import {
  ABSENT_JUSTIFIED,
  CONTROL_ABSENT,
  EXEMPT,
  MCO,
  MCO_CONTROL_CANDIDATE,
  controlMarks,
  frac,
  gen,
  marks,
  pro,
  structure,
  uniformMarks,
} from '../../test/fixtures.ts';

const FAIL_IF_ABSENT: RuleSet = { ...NATIONAL_RULES, absentAtControlOral: 'FAIL' };

/** The MCO candidate of the fixtures: E1 7, E2 9 (E21 8, E22 10), E3 6; 204 points over 21, G = 68/7. */
function run(
  chosen: readonly [string, string] | null,
  control: Readonly<Record<string, ControlMarkEntry | number>>,
  policy?: RuleSet,
  firstGroupMarks: CandidateMarks = MCO_CONTROL_CANDIDATE,
): FinalEvaluation {
  return finalOutcome({
    structure: MCO,
    firstGroupMarks,
    chosenTestCodes: chosen,
    controlMarks: controlMarks(control),
    ...(policy ? { policy } : {}),
  });
}

interface Row {
  readonly name: string;
  readonly chosen: readonly [string, string];
  readonly control: Readonly<Record<string, ControlMarkEntry | number>>;
  readonly policy?: RuleSet;
  readonly outcome: FinalOutcome;
  readonly reason: FinalReason;
  /** Hand-computed: (204 + gains) / 21. */
  readonly overall: Fraction;
}

describe('finalOutcome: best-of per chosen test, with the test’s own coefficient', () => {
  it.each<Row>([
    // E1 7 → 12: +3×5 = 15; E3 6 vs 4: keeps 6. 219/21 = 73/7 ≈ 10,42.
    {
      name: 'one better, one lower control mark',
      chosen: ['E1', 'E3'],
      control: { E1: 1200, E3: 400 },
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(73, 7),
    },
    // Both lower: nothing changes, 68/7.
    {
      name: 'lower control marks do not lower the average',
      chosen: ['E1', 'E3'],
      control: { E1: 500, E3: 0 },
      outcome: 'FAILED',
      reason: 'OVERALL_BELOW_10',
      overall: frac(68, 7),
    },
    // Equal marks: nothing changes.
    {
      name: 'equal control marks change nothing',
      chosen: ['E1', 'E2'],
      control: { E1: 700, E2: 900 },
      outcome: 'FAILED',
      reason: 'OVERALL_BELOW_10',
      overall: frac(68, 7),
    },
    // E1 7 → 9: +6; E2 9 = 9. Exactly 210/21 = 10.
    {
      name: 'best-of lands exactly on 10',
      chosen: ['E1', 'E2'],
      control: { E1: 900, E2: 900 },
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(10),
    },
    // E1 8,99 → +5,97: 209,97/21 < 10.
    {
      name: 'one hundredth short of 10',
      chosen: ['E1', 'E2'],
      control: { E1: 899, E2: 900 },
      outcome: 'FAILED',
      reason: 'OVERALL_BELOW_10',
      overall: frac(20997, 2100),
    },
    // E2 as a whole, coefficient 3 (1,5 + 1,5): 9 → 13 = +12; E3 6 → 7 = +3. 219/21.
    {
      name: 'a test with parts weighs its whole coefficient',
      chosen: ['E2', 'E3'],
      control: { E2: 1300, E3: 700 },
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(73, 7),
    },
    // Absent at E1 (keeps 7); E3 6 → 8 = +6: exactly 10.
    {
      name: 'absent at one oral keeps the first-group mark (default policy)',
      chosen: ['E1', 'E3'],
      control: { E1: CONTROL_ABSENT, E3: 800 },
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(10),
    },
    {
      name: 'absent at both orals (default policy)',
      chosen: ['E1', 'E3'],
      control: { E1: CONTROL_ABSENT, E3: CONTROL_ABSENT },
      outcome: 'FAILED',
      reason: 'OVERALL_BELOW_10',
      overall: frac(68, 7),
    },
    // Same as above but policy FAIL.
    {
      name: 'absent at one oral fails under policy FAIL, whatever the average',
      chosen: ['E1', 'E3'],
      control: { E1: CONTROL_ABSENT, E3: 2000 },
      policy: FAIL_IF_ABSENT,
      outcome: 'FAILED',
      reason: 'ABSENT_AT_CONTROL',
      overall: frac(246, 21),
    },
    {
      name: 'policy FAIL without absence decides on the average',
      chosen: ['E1', 'E3'],
      control: { E1: 900, E3: 600 },
      policy: FAIL_IF_ABSENT,
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(10),
    },
    // 20 and 20 in E1 and E3: +39 + 42 = 285/21 = 95/7.
    {
      name: '20 in both',
      chosen: ['E3', 'E1'],
      control: { E1: 2000, E3: 2000 },
      outcome: 'ADMITTED',
      reason: 'OVERALL_AT_LEAST_10',
      overall: frac(95, 7),
    },
  ])('$name → $outcome ($reason)', ({ chosen, control, policy, outcome, reason, overall }) => {
    const r = run(chosen, control, policy);
    expect(r).toMatchObject({
      status: 'DECIDED',
      outcome,
      reason,
      overallAverage: overall,
      professionalAverage: frac(23, 2),
    });
  });

  it('details each chosen test: first-group mark, control entry, kept mark, improved', () => {
    const r = run(['E1', 'E3'], { E1: 1200, E3: 400 });
    expect(r).toMatchObject({
      status: 'DECIDED',
      tests: [
        {
          testCode: 'E1',
          firstGroup: frac(7),
          control: { status: 'MARK', hundredths: 1200 },
          kept: frac(12),
          improved: true,
        },
        {
          testCode: 'E3',
          firstGroup: frac(6),
          control: { status: 'MARK', hundredths: 400 },
          kept: frac(6),
          improved: false,
        },
      ],
    });
    const equal = run(['E1', 'E3'], { E1: 700, E3: CONTROL_ABSENT });
    expect(equal).toMatchObject({
      tests: [
        { kept: frac(7), improved: false },
        { control: { status: 'ABSENT' }, kept: frac(6), improved: false },
      ],
    });
  });

  it('the exact boundary shows "10,00" and "10/1"', () => {
    const r = run(['E1', 'E2'], { E1: 900, E2: 900 });
    if (r.status !== 'DECIDED') throw new Error('decided expected');
    expect(viewAverage(r.overallAverage)).toEqual({
      hundredths: 1000,
      display: '10,00',
      exact: '10/1',
    });
  });

  it('a first-group justified absence counts 0, and the control mark replaces it', () => {
    // A 1 [G] justified absence (0), B 1 [G] 6, P 3 [P] 12:
    // (0 + 6 + 3×12) / 5 = 42/5 = 8,4 → control allowed. A → 14: (14 + 6 + 36) / 5 = 56/5.
    const s = structure([gen('A', 100), gen('B', 100), pro('P', 300)]);
    const m = marks({ A: ABSENT_JUSTIFIED, B: 600, P: 1200 });
    expect(firstGroupOutcome(s, m)).toMatchObject({
      outcome: 'CONTROL_ALLOWED',
      overallAverage: frac(42, 5),
    });
    const r = finalOutcome({
      structure: s,
      firstGroupMarks: m,
      chosenTestCodes: ['A', 'B'],
      controlMarks: controlMarks({ A: 1400, B: 500 }),
    });
    expect(r).toMatchObject({
      status: 'DECIDED',
      outcome: 'ADMITTED',
      overallAverage: frac(56, 5),
      tests: [
        { testCode: 'A', firstGroup: frac(0), kept: frac(14), improved: true },
        { testCode: 'B', kept: frac(6) },
      ],
    });
  });

  it('one part exempted (E21): the control mark of E2 weighs what E2 weighed, 1,5', () => {
    // First group: E1 7, E2 = E22 8 (E21 exempted, coefficient 1,5 out), E3 6, P as before (138 over 12).
    // (21 + 12 + 18 + 138) / 19,5 = 189/19,5 = 126/13 ≈ 9,69 → control allowed.
    const m = new Map(MCO_CONTROL_CANDIDATE)
      .set('E21', EXEMPT)
      .set('E22', { status: 'MARK', hundredths: 800 });
    expect(firstGroupOutcome(MCO, m)).toMatchObject({
      outcome: 'CONTROL_ALLOWED',
      overallAverage: frac(126, 13),
    });
    // An equal control mark changes nothing; 14 at E2 adds 1,5 × 6 = 9: 198/19,5 = 132/13.
    expect(run(['E2', 'E3'], { E2: 800, E3: 600 }, undefined, m)).toMatchObject({
      overallAverage: frac(126, 13),
      outcome: 'FAILED',
    });
    expect(run(['E2', 'E3'], { E2: 1400, E3: 600 }, undefined, m)).toMatchObject({
      overallAverage: frac(132, 13),
      outcome: 'ADMITTED',
    });
  });
});

describe('finalOutcome: other statuses', () => {
  it.each<[string, Readonly<Record<string, number>>, readonly string[]]>([
    ['no control mark yet', {}, ['E1', 'E3']],
    ['one control mark missing', { E1: 1500 }, ['E3']],
    ['a mark for another test does not count', { E1: 1500, E2: 2000 }, ['E3']],
  ])('%s → PENDING listing the missing orals', (_name, control, missing) => {
    expect(run(['E1', 'E3'], control)).toEqual({ status: 'PENDING', missingControlMarks: missing });
  });

  it('no choice entered → FAILED, NO_CONTROL_TAKEN, with the first-group averages', () => {
    expect(run(null, {})).toEqual({
      status: 'DECIDED',
      outcome: 'FAILED',
      reason: 'NO_CONTROL_TAKEN',
      overallAverage: frac(68, 7),
      professionalAverage: frac(23, 2),
      tests: [],
    });
  });

  it.each<[string, CandidateMarks, string]>([
    ['admitted at the first group', uniformMarks(MCO, 1200), 'ADMITTED'],
    ['failed at the first group (G < 8)', uniformMarks(MCO, 500), 'FAILED'],
    ['failed at the first group (P < 10)', uniformMarks(MCO, 900), 'FAILED'],
  ])('%s → NOT_APPLICABLE, carrying the first-group evaluation', (_name, m, outcome) => {
    const r = run(['E1', 'E3'], { E1: 2000, E3: 2000 }, undefined, m);
    expect(r).toMatchObject({
      status: 'NOT_APPLICABLE',
      firstGroup: { status: 'DECIDED', outcome },
    });
    expect(run(null, {}, undefined, m).status).toBe('NOT_APPLICABLE');
  });

  it('first group pending → NOT_APPLICABLE with the pending evaluation', () => {
    const m = new Map(MCO_CONTROL_CANDIDATE);
    m.delete('E6');
    expect(run(['E1', 'E3'], { E1: 2000, E3: 2000 }, undefined, m)).toEqual({
      status: 'NOT_APPLICABLE',
      firstGroup: { status: 'PENDING', missing: ['E6'] },
    });
  });
});

describe('finalOutcome: bad input', () => {
  it.each([-1, 2001, 10.5])('refuses the control mark %d with INVALID_MARK', (h) => {
    expect(() => run(['E1', 'E3'], { E1: h, E3: 1000 })).toThrow(
      expect.objectContaining({ code: 'INVALID_MARK' }) as Error,
    );
    expect(() => run(['E1', 'E3'], { E1: h, E3: 1000 })).toThrow(DomainInputError);
  });

  it.each([
    [['E1', 'E9'], 'an unknown test'],
    [['E1', 'E4'], 'a professional test'],
    [['E1', 'E1'], 'the same test twice'],
  ] as const)('refuses a stored choice %j (%s) with INVALID_CONTROL_CHOICE', (codes, _what) => {
    const marks = { [codes[0]]: 1000, [codes[1]]: 1000 };
    expect(() => run(codes, marks)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONTROL_CHOICE' }) as Error,
    );
  });

  it('accepts 0 and 20 as control marks', () => {
    expect(run(['E1', 'E3'], { E1: 0, E3: 2000 }).status).toBe('DECIDED');
  });
});
