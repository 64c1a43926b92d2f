import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendar2024 } from '../calendar/session-2024.ts';
import type { CandidateMarks, MarkEntry } from '../marks/mark-entry.ts';
import { MCO_STRUCTURE } from '../reference/exam-structures.ts';
import {
  LATE_CHOICE_REASON_MAX_LENGTH,
  type LateChoiceInput,
  decideLateChoice,
} from './decide-late-choice.ts';

const mark = (hundredths: number): MarkEntry => ({ status: 'MARK', hundredths });
/** MCO, overall below 10 but at least 8, professional at least 10: allowed to the control. */
const allowed: CandidateMarks = new Map([
  ['E1', mark(700)],
  ['E21', mark(800)],
  ['E22', mark(800)],
  ['E3', mark(600)],
  ['E41', mark(1100)],
  ['E42', mark(1100)],
  ['E5', mark(1100)],
  ['E6', mark(1100)],
]);
const failed: CandidateMarks = new Map([...allowed].map(([code]) => [code, mark(500)]));

// MCO (batch A): the window closes on 1 July 2024 at 10:00 Paris; final results 10 July 16:30.
const CLOSES = new Date('2024-07-01T08:00:00.000Z');
const RESULTS = new Date('2024-07-10T14:30:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

function input(overrides: Partial<LateChoiceInput>): LateChoiceInput {
  return {
    calendar: calendar2024,
    specialtyCode: 'MCO',
    structure: MCO_STRUCTURE,
    marks: allowed,
    individual: false,
    channel: 'SCHOOL',
    testCodes: ['E3', 'E1'],
    reason: 'Hospitalisé pendant la période de saisie (certificat reçu le 2 juillet).',
    at: CLOSES,
    ...overrides,
  };
}

describe('decideLateChoice', () => {
  it.each([
    ['during the window', ms(CLOSES, -1), 'WINDOW_NOT_CLOSED'],
    ['before the window opens', new Date('2024-06-01T08:00:00.000Z'), 'WINDOW_NOT_CLOSED'],
    ['at the closing instant', CLOSES, true],
    ['1 ms before the final results', ms(RESULTS, -1), true],
    ['at the final results instant', RESULTS, 'RESULTS_PUBLISHED'],
  ] as const)('%s', (_label, at, expected) => {
    const decision = decideLateChoice(input({ at }));
    if (expected === true) expect(decision).toMatchObject({ ok: true, channel: 'SCHOOL' });
    else expect(decision).toMatchObject({ ok: false, refusal: { code: expected } });
  });

  it('names the instants it refuses at, so a message can give them', () => {
    expect(decideLateChoice(input({ at: ms(CLOSES, -1) }))).toEqual({
      ok: false,
      refusal: { code: 'WINDOW_NOT_CLOSED', closesAt: CLOSES },
    });
    expect(decideLateChoice(input({ at: RESULTS }))).toEqual({
      ok: false,
      refusal: { code: 'RESULTS_PUBLISHED', publishedAt: RESULTS },
    });
  });

  it('keeps the reason trimmed and the tests in the structure’s order', () => {
    const decision = decideLateChoice(input({ reason: '  Panne du service de saisie.  ' }));
    if (!decision.ok) throw new Error('refused');
    expect(decision.reason).toBe('Panne du service de saisie.');
    expect(decision.tests.map((t) => t.code).sort()).toEqual(['E1', 'E3']);
  });

  it.each([
    ['empty', '', 'REASON_REQUIRED'],
    ['blank', ' \n\t ', 'REASON_REQUIRED'],
    ['too long', 'x'.repeat(LATE_CHOICE_REASON_MAX_LENGTH + 1), 'REASON_TOO_LONG'],
  ])('refuses a reason that is %s', (_label, reason, code) => {
    expect(decideLateChoice(input({ reason }))).toMatchObject({ ok: false, refusal: { code } });
  });

  it('accepts a reason of exactly the longest length, counted in characters as read', () => {
    // « e » + combining acute accent: two code points, one character.
    for (const char of ['é', 'e\u0301', '👩‍👩‍👧']) {
      const reason = char.repeat(LATE_CHOICE_REASON_MAX_LENGTH);
      expect(decideLateChoice(input({ reason }))).toMatchObject({ ok: true });
      expect(decideLateChoice(input({ reason: reason + char }))).toMatchObject({
        ok: false,
        refusal: { code: 'REASON_TOO_LONG' },
      });
    }
  });

  it('keeps the channel the request came through, never a school for an individual candidate', () => {
    expect(decideLateChoice(input({ channel: 'CANDIDATE_SPACE' }))).toMatchObject({
      ok: true,
      channel: 'CANDIDATE_SPACE',
    });
    expect(decideLateChoice(input({ individual: true, channel: 'CANDIDATE_SPACE' }))).toMatchObject(
      { ok: true, channel: 'CANDIDATE_SPACE' },
    );
    expect(decideLateChoice(input({ individual: true, channel: 'SCHOOL' }))).toEqual({
      ok: false,
      refusal: { code: 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL' },
    });
  });

  it('follows the jury: refused for a candidate not allowed, allowed when the jury allowed', () => {
    expect(decideLateChoice(input({ marks: failed }))).toEqual({
      ok: false,
      refusal: { code: 'NOT_ELIGIBLE_FOR_CONTROL' },
    });
    const juryDecision = {
      outcome: 'CONTROL_ALLOWED',
      reason: 'Dossier examiné par le jury.',
      decidedAt: CLOSES,
      decidedBy: 'pilote.demo',
    } as const;
    expect(decideLateChoice(input({ marks: failed, juryDecision }))).toMatchObject({ ok: true });
  });

  it('applies the rules of any choice to the tests', () => {
    expect(decideLateChoice(input({ testCodes: ['E1'] }))).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_CHOICE' },
    });
    expect(decideLateChoice(input({ testCodes: ['E1', 'E5'] }))).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_CHOICE' },
    });
  });

  it('accepts exactly the instants of the closed window before the results (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: CLOSES.getTime() - 86_400_000, max: RESULTS.getTime() + 86_400_000 }),
        (t) => {
          const decision = decideLateChoice(input({ at: new Date(t) }));
          expect(decision.ok).toBe(t >= CLOSES.getTime() && t < RESULTS.getTime());
        },
      ),
    );
  });
});
