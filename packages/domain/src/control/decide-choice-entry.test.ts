import { describe, expect, it } from 'vitest';
import { calendar2024 } from '../calendar/session-2024.ts';
import type { CandidateMarks, MarkEntry } from '../marks/mark-entry.ts';
import { MCO_STRUCTURE } from '../reference/exam-structures.ts';
import { type ChoiceEntryInput, decideChoiceEntry } from './decide-choice-entry.ts';

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
const admitted: CandidateMarks = new Map([...allowed].map(([code]) => [code, mark(1500)]));

const OPENS = new Date('2024-06-28T08:00:00.000Z');
const CLOSES = new Date('2024-07-01T08:00:00.000Z');

function input(overrides: Partial<ChoiceEntryInput>): ChoiceEntryInput {
  return {
    calendar: calendar2024,
    specialtyCode: 'MCO',
    structure: MCO_STRUCTURE,
    subject: { candidateId: 'c1', individual: false, schoolUai: '0510001A' },
    marks: allowed,
    actor: { kind: 'candidate', candidateId: 'c1' },
    testCodes: ['E1', 'E3'],
    at: OPENS,
    ...overrides,
  };
}

describe('decideChoiceEntry', () => {
  it.each([
    ['1 ms before the window opens', new Date(OPENS.getTime() - 1), 'WINDOW_NOT_OPEN'],
    ['at the opening instant', OPENS, true],
    ['1 ms before the closing instant', new Date(CLOSES.getTime() - 1), true],
    ['at the closing instant', CLOSES, 'WINDOW_CLOSED'],
  ] as const)('%s', (_label, at, expected) => {
    const decision = decideChoiceEntry(input({ at }));
    if (expected === true) expect(decision).toMatchObject({ ok: true, channel: 'CANDIDATE_SPACE' });
    else expect(decision).toMatchObject({ ok: false, refusal: { code: expected } });
  });

  it('checks the window before anything else, so a refusal before publication reveals no outcome', () => {
    const early = new Date(OPENS.getTime() - 1);
    expect(decideChoiceEntry(input({ at: early, marks: admitted }))).toEqual(
      decideChoiceEntry(input({ at: early, marks: allowed })),
    );
  });

  it('checks the channel before eligibility: a school refused for an individual candidate learns no outcome', () => {
    const subject = { candidateId: 'c1', individual: true, schoolUai: '0510001A' };
    const actor = { kind: 'school', schoolUai: '0510001A' } as const;
    expect(decideChoiceEntry(input({ subject, actor, marks: admitted }))).toEqual(
      decideChoiceEntry(input({ subject, actor, marks: allowed })),
    );
    expect(decideChoiceEntry(input({ subject, actor }))).toMatchObject({
      ok: false,
      refusal: { code: 'CHANNEL_NOT_ALLOWED', channel: 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL' },
    });
  });

  it('lets a school enter for its own non-individual candidate', () => {
    expect(
      decideChoiceEntry(input({ actor: { kind: 'school', schoolUai: '0510001A' } })),
    ).toMatchObject({
      ok: true,
      channel: 'SCHOOL',
    });
  });

  it('refuses a candidate not allowed to the control, then an invalid choice', () => {
    expect(decideChoiceEntry(input({ marks: admitted }))).toEqual({
      ok: false,
      refusal: { code: 'NOT_ELIGIBLE_FOR_CONTROL' },
    });
    expect(decideChoiceEntry(input({ testCodes: ['E1', 'E5'] }))).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_CHOICE', choice: { code: 'NOT_GENERAL_DOMAIN', testCode: 'E5' } },
    });
  });

  it('refuses a held result after the window and the channel, the same whatever the outcome behind it', () => {
    const held = { resultWithheld: true } as const;
    expect(decideChoiceEntry(input({ ...held, marks: admitted }))).toEqual({
      ok: false,
      refusal: { code: 'RESULT_WITHHELD' },
    });
    expect(decideChoiceEntry(input({ ...held, marks: admitted }))).toEqual(
      decideChoiceEntry(input({ ...held, marks: allowed })),
    );
    // Before the window, or for a channel refused, the hold itself does not show.
    const early = new Date(OPENS.getTime() - 1);
    expect(decideChoiceEntry(input({ ...held, at: early }))).toEqual(
      decideChoiceEntry(input({ at: early })),
    );
    const subject = { candidateId: 'c1', individual: true, schoolUai: '0510001A' };
    const actor = { kind: 'school', schoolUai: '0510001A' } as const;
    expect(decideChoiceEntry(input({ ...held, subject, actor }))).toEqual(
      decideChoiceEntry(input({ subject, actor })),
    );
    expect(decideChoiceEntry(input({ resultWithheld: false }))).toMatchObject({ ok: true });
  });
});
