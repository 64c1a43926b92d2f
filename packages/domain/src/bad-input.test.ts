/**
 * Bad input and refusals across the package: every malformed input throws a
 * DomainInputError with a stable code (never a TypeError), and every refusal
 * has the one shape `{ ok: false, refusal: { code, … } }`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABSENT, EXEMPT, MCO, MCO_CONTROL_CANDIDATE, kept, mark, marks } from '../test/fixtures.ts';
import {
  DOMAIN_ERROR_CODES,
  type DomainErrorCode,
  DomainInputError,
  type MarkEntry,
  calendar2024,
  checkPassword,
  choiceWindow,
  computeAverages,
  controlOptions,
  decideChoiceEntry,
  finalOutcome,
  firstGroupOutcome,
  isDomainError,
  isFirstGroupPublished,
  isSecondGroupPublished,
  mayEnterChoice,
  phaseAt,
  readControlCell,
  readFirstGroupCell,
  validateControlChoice,
  validateJuryDecision,
  windowState,
} from './index.ts';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The marks of the MCO control candidate, with one entry replaced or added. */
function withEntry(code: string, entry: unknown) {
  const m = new Map(MCO_CONTROL_CANDIDATE);
  m.set(code, entry as MarkEntry);
  return m;
}

describe('bad marks throw a DomainInputError with a stable code', () => {
  it.each<[string, () => unknown, DomainErrorCode]>([
    [
      'an unknown mark status',
      () => firstGroupOutcome(MCO, withEntry('E1', { status: 'ABSENTEE' })),
      'INVALID_MARK_STATUS',
    ],
    ['no status at all', () => firstGroupOutcome(MCO, withEntry('E1', {})), 'INVALID_MARK_STATUS'],
    ['a null entry', () => firstGroupOutcome(MCO, withEntry('E1', null)), 'INVALID_MARK_STATUS'],
    [
      'a kept mark (bénéfice) below 10',
      () => firstGroupOutcome(MCO, withEntry('E1', kept(999))),
      'KEPT_MARK_BELOW_10',
    ],
    [
      'a mark under a code the structure does not have',
      () => firstGroupOutcome(MCO, withEntry('E9', mark(1200))),
      'UNKNOWN_MARK_CODE',
    ],
    [
      'a mark under a part code of another specialty',
      () => computeAverages(MCO, withEntry('E51', mark(1200))),
      'UNKNOWN_MARK_CODE',
    ],
    ['a mark above 20', () => firstGroupOutcome(MCO, withEntry('E1', mark(2001))), 'INVALID_MARK'],
    [
      'a fractional mark',
      () => firstGroupOutcome(MCO, withEntry('E1', mark(12.5))),
      'INVALID_MARK',
    ],
    [
      'a mark given as text',
      () => firstGroupOutcome(MCO, withEntry('E1', { status: 'MARK', hundredths: '1200' })),
      'INVALID_MARK',
    ],
    [
      'a bad status on a part hidden behind a whole-test entry',
      () => firstGroupOutcome(MCO, withEntry('E22', { status: '?' }).set('E2', EXEMPT)),
      'INVALID_MARK_STATUS',
    ],
    [
      'an unknown status reaching the final outcome',
      () =>
        finalOutcome({
          structure: MCO,
          firstGroupMarks: withEntry('E5', { status: 'mark', hundredths: 1200 }),
          chosenTestCodes: ['E1', 'E3'],
          controlMarks: new Map(),
        }),
      'INVALID_MARK_STATUS',
    ],
    [
      'a kept mark below 10 reaching the control options',
      () => controlOptions(MCO, withEntry('E6', kept(500))),
      'KEPT_MARK_BELOW_10',
    ],
  ])('%s → %s', (_name, run, code) => {
    const error = thrownBy(run);
    expect(error).toBeInstanceOf(DomainInputError);
    expect((error as DomainInputError).code).toBe(code);
    expect((error as DomainInputError).message).toMatch(/[a-zé]/);
  });

  it('accepts a kept mark of exactly 10', () => {
    expect(firstGroupOutcome(MCO, withEntry('E1', kept(1000))).status).toBe('DECIDED');
  });
});

describe('bad instants throw INVALID_INSTANT, never a TypeError', () => {
  const window = choiceWindow(calendar2024, 'MCO');
  const text = '2024-06-29T12:00:00Z' as unknown as Date;
  it.each<[string, () => unknown]>([
    ['windowState with a date string', () => windowState(window, text)],
    ['phaseAt with a date string', () => phaseAt(calendar2024, 'MCO', text)],
    [
      'isFirstGroupPublished with a number',
      () => isFirstGroupPublished(calendar2024, 'MCO', 0 as unknown as Date),
    ],
    [
      'isSecondGroupPublished with null',
      () => isSecondGroupPublished(calendar2024, null as unknown as Date),
    ],
    ['windowState with an Invalid Date', () => windowState(window, new Date('nope'))],
  ])('%s', (_name, run) => {
    const error = thrownBy(run);
    expect(error).toBeInstanceOf(DomainInputError);
    expect((error as DomainInputError).code).toBe('INVALID_INSTANT');
  });
});

describe('every refusal has the one shape { ok: false, refusal: { code } }', () => {
  const at = new Date('2024-06-29T12:00:00Z');
  it.each<[string, () => unknown, string]>([
    [
      'mayEnterChoice',
      () =>
        mayEnterChoice(
          { candidateId: 'c1', individual: true, schoolUai: null },
          { kind: 'school', schoolUai: '0510001A' },
        ),
      'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL',
    ],
    [
      'decideChoiceEntry',
      () =>
        decideChoiceEntry({
          calendar: calendar2024,
          specialtyCode: 'MCO',
          structure: MCO,
          subject: { candidateId: 'c1', individual: false, schoolUai: null },
          marks: MCO_CONTROL_CANDIDATE,
          actor: { kind: 'candidate', candidateId: 'c1' },
          testCodes: ['E1', 'E1'],
          at,
        }),
      'INVALID_CHOICE',
    ],
    [
      'validateControlChoice',
      () => validateControlChoice(MCO, MCO_CONTROL_CANDIDATE, ['E1']),
      'WRONG_COUNT',
    ],
    [
      'validateJuryDecision',
      () => validateJuryDecision({ stage: 'FINAL', outcome: 'ADMITTED', reason: ' ' }),
      'REASON_REQUIRED',
    ],
    ['readFirstGroupCell', () => readFirstGroupCell('BEN 9'), 'KEPT_MARK_BELOW_10'],
    ['readControlCell', () => readControlCell('DI'), 'NOT_A_MARK'],
    ['checkPassword', () => checkPassword('court', 'moi'), 'WEAK_PASSWORD'],
  ])('%s', (_name, run, code) => {
    const result = run() as { ok: boolean; refusal?: { code?: unknown } };
    expect(Object.keys(result).sort()).toEqual(['ok', 'refusal']);
    expect(result.ok).toBe(false);
    expect(result.refusal?.code).toBe(code);
  });
});

describe('a missing mark and nothing to average are told apart', () => {
  it('a missing mark → PENDING with the missing codes', () => {
    const m = new Map(MCO_CONTROL_CANDIDATE);
    m.delete('E3');
    expect(firstGroupOutcome(MCO, m)).toEqual({ status: 'PENDING', missing: ['E3'] });
  });
  it('every test exempted → NOTHING_TO_AVERAGE', () => {
    const all = marks(Object.fromEntries(MCO.tests.map((t) => [t.code, EXEMPT])));
    expect(firstGroupOutcome(MCO, all)).toEqual({ status: 'NOTHING_TO_AVERAGE' });
  });
  it('every test missed without justification is decided (FAILED), not left open', () => {
    const all = marks(Object.fromEntries(MCO.tests.map((t) => [t.code, ABSENT])));
    expect(firstGroupOutcome(MCO, all)).toMatchObject({ status: 'DECIDED', outcome: 'FAILED' });
  });
});

// ---------------------------------------------------------------- property

/** Anything a program might put in a mark entry, well-formed or not. */
const anyEntry: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    status: fc.constantFrom('MARK', 'KEPT'),
    hundredths: fc.oneof(
      fc.integer({ min: -100, max: 2100 }),
      fc.double(),
      fc.constant(Number.NaN),
      fc.string(),
    ),
  }),
  fc.record({
    status: fc.oneof(
      fc.constantFrom('EXEMPT', 'ABSENT_JUSTIFIED', 'ABSENT', 'mark', 'PENDING', ''),
      fc.string(),
      fc.integer(),
    ),
  }),
  fc.constantFrom(null, undefined, {}, 'MARK', 12),
);

const codes = [...MCO.tests.flatMap((t) => [t.code, ...t.parts.map((p) => p.code)]), 'E9', 'X'];
const anyMarks = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...codes), anyEntry), {
    selector: ([code]) => code,
    maxLength: codes.length,
  })
  .map((entries) => new Map(entries) as Map<string, MarkEntry>);
const anyInstant: fc.Arbitrary<unknown> = fc.oneof(
  fc.date({ noInvalidDate: false }),
  fc.string(),
  fc.integer(),
  fc.constant(null),
);

/** Either a value, or a DomainInputError with a known code: never anything else. */
function outcomeOf(run: () => unknown): 'RESULT' | DomainErrorCode {
  try {
    run();
    return 'RESULT';
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(DOMAIN_ERROR_CODES).toContain(error.code);
    return error.code;
  }
}

describe('property: any input yields a result or a DomainInputError with a known code', () => {
  it('marks, through first group, control options and final outcome', () => {
    fc.assert(
      fc.property(
        anyMarks,
        fc.constantFrom<[string, string]>(['E1', 'E3'], ['E1', 'E2']),
        (m, chosen) => {
          outcomeOf(() => computeAverages(MCO, m));
          outcomeOf(() => firstGroupOutcome(MCO, m));
          outcomeOf(() => controlOptions(MCO, m));
          outcomeOf(() =>
            finalOutcome({
              structure: MCO,
              firstGroupMarks: m,
              chosenTestCodes: chosen,
              controlMarks: new Map([
                [chosen[0], { status: 'MARK', hundredths: 1200 }],
                [chosen[1], { status: 'ABSENT' }],
              ]),
            }),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('instants, through the calendar', () => {
    const window = choiceWindow(calendar2024, 'MCO');
    fc.assert(
      fc.property(anyInstant, (at) => {
        outcomeOf(() => windowState(window, at as Date));
        outcomeOf(() => phaseAt(calendar2024, 'MCO', at as Date));
        outcomeOf(() => isSecondGroupPublished(calendar2024, at as Date));
      }),
      { numRuns: 300 },
    );
  });
});
