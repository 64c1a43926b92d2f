import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideChoiceEntry } from '../control/decide-choice-entry.ts';
import { type FinalOutcome, finalOutcome } from '../control/final-outcome.ts';
import { calendar2024 } from '../calendar/session-2024.ts';
import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { CandidateMarks } from '../marks/mark-entry.ts';
import {
  ABSENT,
  MCO,
  MCO_CONTROL_CANDIDATE,
  controlMarks,
  frac,
  marks,
  uniformMarks,
} from '../../test/fixtures.ts';
import type { JuryDecision } from './apply-jury-decision.ts';
import { decidedFinal, decidedFirstGroup } from './decided-outcome.ts';

const jury = <O extends string>(outcome: O): JuryDecision<O> => ({
  outcome,
  reason: 'Délibération',
  decidedAt: new Date('2024-06-27T10:00:00.000Z'),
  decidedBy: 'pilote',
});

// Computed FAILED: G = 5 (every mark 5); 20 in E1 and E3 still leaves G = 195/21 < 10.
const FAILED_MARKS = uniformMarks(MCO, 500);
// Computed ADMITTED: G = 12.
const ADMITTED_MARKS = uniformMarks(MCO, 1200);
// A mark is missing: E6 has none.
const MISSING_MARKS: CandidateMarks = new Map(
  [...uniformMarks(MCO, 1200)].filter(([code]) => code !== 'E6'),
);

describe('decidedFirstGroup', () => {
  it.each([
    ['computed FAILED, no jury', FAILED_MARKS, null, 'FAILED', 'FAILED', true],
    [
      'computed FAILED, jury CONTROL_ALLOWED',
      FAILED_MARKS,
      'CONTROL_ALLOWED',
      'CONTROL_ALLOWED',
      'FAILED',
      true,
    ],
    ['computed ADMITTED, jury FAILED', ADMITTED_MARKS, 'FAILED', 'FAILED', 'ADMITTED', true],
    [
      'computed CONTROL_ALLOWED, jury ADMITTED',
      MCO_CONTROL_CANDIDATE,
      'ADMITTED',
      'ADMITTED',
      'CONTROL_ALLOWED',
      true,
    ],
    [
      'a mark missing, jury CONTROL_ALLOWED',
      MISSING_MARKS,
      'CONTROL_ALLOWED',
      'CONTROL_ALLOWED',
      null,
      false,
    ],
    ['a mark missing, jury ADMITTED', MISSING_MARKS, 'ADMITTED', 'ADMITTED', null, false],
  ] as const)('%s → %s', (_label, given, decision, outcome, computed, averaged) => {
    const result = decidedFirstGroup(
      MCO,
      given,
      undefined,
      decision === null ? null : jury(decision),
    );
    expect(result?.outcome).toBe(outcome);
    expect(result?.computedOutcome).toBe(computed);
    expect(result?.juryDecision?.outcome ?? null).toBe(decision);
    // With a mark missing the averages are not computable: null, never a guess.
    expect(result?.overallAverage !== null).toBe(averaged);
    expect(result?.professionalAverage !== null).toBe(averaged);
  });

  it('gives no outcome while a mark is missing and the jury has not decided', () => {
    expect(decidedFirstGroup(MCO, MISSING_MARKS)).toBeNull();
  });

  it('keeps the rules’ reason and averages under a jury decision', () => {
    const result = decidedFirstGroup(MCO, MCO_CONTROL_CANDIDATE, undefined, jury('FAILED'));
    expect(result?.reason).toBe('CONTROL_THRESHOLDS_MET');
    expect(result?.overallAverage).toEqual(frac(68, 7));
  });
});

describe('decidedFinal', () => {
  const run = (
    first: CandidateMarks,
    juries: { firstGroup?: FirstGroupOutcome; final?: FinalOutcome },
    chosen: readonly [string, string] | null = null,
    control: Readonly<Record<string, number>> = {},
  ) =>
    decidedFinal({
      structure: MCO,
      firstGroupMarks: first,
      chosenTestCodes: chosen,
      controlMarks: controlMarks(control),
      juryDecisions: {
        firstGroup: juries.firstGroup === undefined ? null : jury(juries.firstGroup),
        final: juries.final === undefined ? null : jury(juries.final),
      },
    });

  it.each([
    // [label, marks, juries, choice, control marks, outcome, computed outcome, orals counted]
    ['computed ADMITTED, no control', ADMITTED_MARKS, {}, null, {}, 'ADMITTED', 'ADMITTED', 0],
    ['computed FAILED, no control', FAILED_MARKS, {}, null, {}, 'FAILED', 'FAILED', 0],
    [
      'jury CONTROL_ALLOWED over FAILED, orals of 20',
      FAILED_MARKS,
      { firstGroup: 'CONTROL_ALLOWED' },
      ['E1', 'E3'],
      { E1: 2000, E3: 2000 },
      'FAILED',
      'FAILED',
      2,
    ],
    [
      'jury CONTROL_ALLOWED over CONTROL_ALLOWED, orals of 16',
      MCO_CONTROL_CANDIDATE,
      { firstGroup: 'CONTROL_ALLOWED' },
      ['E1', 'E3'],
      { E1: 1600, E3: 1600 },
      'ADMITTED',
      'ADMITTED',
      2,
    ],
    [
      'jury CONTROL_ALLOWED, no choice',
      FAILED_MARKS,
      { firstGroup: 'CONTROL_ALLOWED' },
      null,
      {},
      'FAILED',
      'FAILED',
      0,
    ],
    [
      'jury ADMITTED over CONTROL_ALLOWED, a stale choice ignored',
      MCO_CONTROL_CANDIDATE,
      { firstGroup: 'ADMITTED' },
      ['E1', 'E3'],
      { E1: 0, E3: 0 },
      'ADMITTED',
      'ADMITTED',
      0,
    ],
    [
      'final jury over the computed outcome',
      ADMITTED_MARKS,
      { final: 'FAILED' },
      null,
      {},
      'FAILED',
      'ADMITTED',
      0,
    ],
    [
      'a mark missing, jury CONTROL_ALLOWED, orals in: not computable',
      MISSING_MARKS,
      { firstGroup: 'CONTROL_ALLOWED' },
      ['E1', 'E3'],
      { E1: 1500, E3: 1500 },
      null,
      null,
      2,
    ],
    [
      'a mark missing, both juries',
      MISSING_MARKS,
      { firstGroup: 'CONTROL_ALLOWED', final: 'ADMITTED' },
      ['E1', 'E3'],
      { E1: 1500, E3: 1500 },
      'ADMITTED',
      null,
      2,
    ],
    [
      'a mark missing, jury ADMITTED',
      MISSING_MARKS,
      { firstGroup: 'ADMITTED' },
      null,
      {},
      'ADMITTED',
      'ADMITTED',
      0,
    ],
  ] as const)('%s → %s', (_label, first, juries, chosen, control, outcome, computed, orals) => {
    const result = run(first, juries, chosen, control);
    expect(result?.outcome ?? null).toBe(outcome);
    expect(result?.computedOutcome ?? null).toBe(computed);
    if (result !== null) expect(result.tests).toHaveLength(orals);
  });

  it('has nothing to deliberate on without a first-group outcome, final jury or not', () => {
    expect(run(MISSING_MARKS, { final: 'ADMITTED' })).toBeNull();
  });

  it('waits for both control marks unless the final jury decides', () => {
    const chosen = ['E1', 'E3'] as const;
    expect(run(MCO_CONTROL_CANDIDATE, {}, chosen, { E1: 1500 })).toBeNull();
    expect(run(MCO_CONTROL_CANDIDATE, { final: 'ADMITTED' }, chosen, { E1: 1500 })?.outcome).toBe(
      'ADMITTED',
    );
  });

  it('keeps an unjustified absence standing: ajourné even with the jury’s leave to the control', () => {
    const absent = marks({ ...Object.fromEntries(uniformMarks(MCO, 1400)), E5: ABSENT });
    const result = run(absent, { firstGroup: 'CONTROL_ALLOWED' }, ['E1', 'E3'], {
      E1: 2000,
      E3: 2000,
    });
    expect(result?.outcome).toBe('FAILED');
  });

  it('agrees with finalOutcome when no jury decided', () => {
    const mark = fc.integer({ min: 0, max: 2000 });
    fc.assert(
      fc.property(
        fc.array(mark, { minLength: 8, maxLength: 8 }),
        fc.option(fc.tuple(mark, mark)),
        (values, orals) => {
          const codes = ['E1', 'E21', 'E22', 'E3', 'E41', 'E42', 'E5', 'E6'];
          const first = new Map(
            codes.map((c, i) => [c, { status: 'MARK', hundredths: values[i] ?? 0 }] as const),
          );
          const chosen = orals === null ? null : (['E1', 'E3'] as const);
          const control = controlMarks(orals === null ? {} : { E1: orals[0], E3: orals[1] });
          const input = {
            structure: MCO,
            firstGroupMarks: first,
            chosenTestCodes: chosen,
            controlMarks: control,
          };
          const old = finalOutcome(input);
          const expected =
            old.status === 'DECIDED'
              ? old.outcome
              : old.status === 'NOT_APPLICABLE' && old.firstGroup.status === 'DECIDED'
                ? old.firstGroup.outcome === 'ADMITTED'
                  ? 'ADMITTED'
                  : 'FAILED'
                : null;
          const decided = decidedFinal({
            ...input,
            juryDecisions: { firstGroup: null, final: null },
          });
          expect(decided?.outcome ?? null).toBe(expected);
        },
      ),
    );
  });
});

describe('who may choose follows the jury', () => {
  const entry = (given: CandidateMarks, decision: FirstGroupOutcome | null) =>
    decideChoiceEntry({
      calendar: calendar2024,
      specialtyCode: 'MCO',
      structure: MCO,
      subject: { candidateId: 'c', individual: false, schoolUai: '0510001A' },
      marks: given,
      actor: { kind: 'candidate', candidateId: 'c' },
      testCodes: ['E1', 'E3'],
      at: new Date('2024-06-28T09:00:00.000Z'),
      juryDecision: decision === null ? null : jury(decision),
    });

  it.each([
    ['computed FAILED, jury CONTROL_ALLOWED', FAILED_MARKS, 'CONTROL_ALLOWED', true],
    ['computed ADMITTED, jury CONTROL_ALLOWED', ADMITTED_MARKS, 'CONTROL_ALLOWED', true],
    ['a mark missing, jury CONTROL_ALLOWED', MISSING_MARKS, 'CONTROL_ALLOWED', true],
    ['computed CONTROL_ALLOWED, jury ADMITTED', MCO_CONTROL_CANDIDATE, 'ADMITTED', false],
    ['computed CONTROL_ALLOWED, jury FAILED', MCO_CONTROL_CANDIDATE, 'FAILED', false],
    ['computed CONTROL_ALLOWED, no jury', MCO_CONTROL_CANDIDATE, null, true],
    ['a mark missing, no jury', MISSING_MARKS, null, false],
  ] as const)('%s → may choose: %s', (_label, given, decision, ok) => {
    const result = entry(given, decision);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.refusal.code).toBe('NOT_ELIGIBLE_FOR_CONTROL');
  });
});
