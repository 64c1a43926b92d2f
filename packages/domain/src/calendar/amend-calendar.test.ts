import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AMENDMENT_REASON_MAX_LENGTH,
  type CalendarChange,
  amendCalendar,
  amendmentRefusalText,
  calendarDataOf,
} from './amend-calendar.ts';
import { buildCalendar } from './exam-session-calendar.ts';
import { calendar2024 } from './session-2024.ts';

// 2024, batch A (MCO, NDRC): results and window opening 28 June 10:00 Paris (08:00Z), closing
// 1 July 10:00 (08:00Z); MCO orals on 3 July (4 July for Paris, Créteil, Versailles); batch B
// closes on 2 July 17:00; second-group results 10 July 16:30 (14:30Z).
const A_CLOSES = new Date('2024-07-01T08:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
const MCO_DAY_STARTS = new Date('2024-07-02T22:00:00.000Z');
const EARLY = new Date('2024-06-01T08:00:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const HOUR = 3_600_000;
const REASON = 'Report décidé par le recteur.';

const closesA = (to: Date): CalendarChange => ({ kind: 'CHOICE_WINDOW_CLOSES', batchId: 'A', to });

describe('amendCalendar', () => {
  it('moves the window’s end and nothing else, and says from what to what, in Paris time', () => {
    const amended = amendCalendar(
      calendar2024,
      closesA(ms(A_CLOSES, 2 * HOUR)),
      ` ${REASON} `,
      EARLY,
    );
    if (!amended.ok) throw new Error(JSON.stringify(amended));
    expect(amended).toMatchObject({
      from: '2024-07-01T10:00',
      to: '2024-07-01T12:00',
      specialtyCodes: ['MCO', 'NDRC'],
      originAcademyCode: null,
      reason: REASON,
    });
    const [a, b] = amended.calendar.batches;
    expect(a?.choiceWindow.closesAt).toEqual(ms(A_CLOSES, 2 * HOUR));
    expect(a?.choiceWindow.opensAt).toEqual(calendar2024.batches[0]?.choiceWindow.opensAt);
    expect(b).toEqual(calendar2024.batches[1]);
    expect(amended.calendar.oralDays).toEqual(calendar2024.oralDays);
  });

  it.each([
    ['1 ms before the instant it would move', ms(A_CLOSES, -1), true],
    ['at the instant it would move', A_CLOSES, 'ALREADY_PASSED'],
    ['after it', ms(A_CLOSES, HOUR), 'ALREADY_PASSED'],
  ] as const)('moves a window’s end %s', (_label, at, expected) => {
    const amended = amendCalendar(calendar2024, closesA(ms(A_CLOSES, 2 * HOUR)), REASON, at);
    if (expected === true) expect(amended.ok).toBe(true);
    else expect(amended).toEqual({ ok: false, refusal: { code: expected, passedAt: A_CLOSES } });
  });

  it.each([
    ['1 ms before the oral day starts', ms(MCO_DAY_STARTS, -1), true],
    ['at its first instant', MCO_DAY_STARTS, 'ALREADY_PASSED'],
  ] as const)('moves an oral day %s', (_label, at, expected) => {
    const change: CalendarChange = {
      kind: 'ORAL_DAY',
      specialtyCode: 'MCO',
      originAcademyCode: null,
      to: '2024-07-05',
    };
    const amended = amendCalendar(calendar2024, change, REASON, at);
    if (expected !== true) {
      expect(amended).toMatchObject({ ok: false, refusal: { code: expected } });
      return;
    }
    if (!amended.ok) throw new Error(JSON.stringify(amended));
    expect(amended).toMatchObject({
      from: '2024-07-03',
      to: '2024-07-05',
      specialtyCodes: ['MCO'],
    });
    expect(amended.calendar.oralDays.filter((d) => d.date === '2024-07-05')).toEqual([
      { specialtyCode: 'MCO', date: '2024-07-05' },
    ]);
  });

  it.each<[string, CalendarChange, Date, string]>([
    ['into the past', closesA(ms(EARLY, -1)), EARLY, 'NOT_IN_FUTURE'],
    ['to the instant it is asked at', closesA(EARLY), EARLY, 'NOT_IN_FUTURE'],
    ['to where it already is', closesA(A_CLOSES), EARLY, 'UNCHANGED'],
    [
      'in a batch that does not exist',
      { kind: 'FIRST_GROUP_RESULTS', batchId: 'Z', to: A_CLOSES },
      EARLY,
      'UNKNOWN_BATCH',
    ],
    [
      'an oral day with no rule',
      { kind: 'ORAL_DAY', specialtyCode: 'SIO', originAcademyCode: '19', to: '2024-07-05' },
      EARLY,
      'UNKNOWN_ORAL_DAY',
    ],
    [
      'to a day that does not exist',
      { kind: 'ORAL_DAY', specialtyCode: 'SIO', originAcademyCode: null, to: '2024-06-31' },
      EARLY,
      'MALFORMED_DAY',
    ],
  ])('refuses a move %s', (_label, change, at, code) => {
    expect(amendCalendar(calendar2024, change, REASON, at)).toMatchObject({
      ok: false,
      refusal: { code },
    });
  });

  it('refuses a move without a reason', () => {
    expect(amendCalendar(calendar2024, closesA(ms(A_CLOSES, HOUR)), '  ', EARLY)).toEqual({
      ok: false,
      refusal: { code: 'REASON_REQUIRED' },
    });
    // At most AMENDMENT_REASON_MAX_LENGTH characters, counted once trimmed.
    const longest = `  ${'m'.repeat(AMENDMENT_REASON_MAX_LENGTH)}  `;
    expect(amendCalendar(calendar2024, closesA(ms(A_CLOSES, HOUR)), longest, EARLY)).toMatchObject({
      ok: true,
      reason: 'm'.repeat(AMENDMENT_REASON_MAX_LENGTH),
    });
    expect(amendCalendar(calendar2024, closesA(ms(A_CLOSES, HOUR)), `${longest}m`, EARLY)).toEqual({
      ok: false,
      refusal: { code: 'REASON_TOO_LONG', maxLength: AMENDMENT_REASON_MAX_LENGTH },
    });
  });

  it.each<[string, CalendarChange, RegExp]>([
    [
      'a window closing before it opens',
      closesA(new Date('2024-06-27T08:00:00.000Z')),
      /la saisie des choix ferme .* avant ou à son ouverture/,
    ],
    [
      'a publication after its window opens',
      { kind: 'FIRST_GROUP_RESULTS', batchId: 'A', to: ms(A_CLOSES, -HOUR) },
      /ouvre .* avant la publication des résultats du premier groupe/,
    ],
    [
      'a window closing after its orals begin',
      closesA(new Date('2024-07-03T08:00:00.000Z')),
      /ne vient pas après la fermeture de la saisie des choix/,
    ],
    [
      'second-group results before the last oral day',
      { kind: 'SECOND_GROUP_RESULTS', to: new Date('2024-07-04T10:00:00.000Z') },
      /ne vient pas avant la publication des résultats du second groupe/,
    ],
  ])('refuses %s, with every rule it breaks', (_label, change, problem) => {
    const amended = amendCalendar(calendar2024, change, REASON, EARLY);
    if (amended.ok) throw new Error('accepted');
    expect(amended.refusal.code).toBe('INVALID_CALENDAR');
    if (amended.refusal.code === 'INVALID_CALENDAR')
      expect(amended.refusal.problems.join('\n')).toMatch(problem);
  });

  it('gives back the same calendar from its published data (what an amendment starts from)', () => {
    expect(buildCalendar(calendarDataOf(calendar2024))).toEqual(calendar2024);
  });

  it('changes exactly the instant moved, or refuses (property)', () => {
    const instant = fc
      .integer({ min: EARLY.getTime(), max: ms(SECOND_GROUP, 86_400_000).getTime() })
      .map((t) => new Date(Math.floor(t / 60_000) * 60_000));
    let accepted = 0;
    fc.assert(
      fc.property(instant, instant, (to, at) => {
        const amended = amendCalendar(calendar2024, closesA(to), REASON, at);
        if (at >= A_CLOSES) expect(amended).toMatchObject({ refusal: { code: 'ALREADY_PASSED' } });
        if (!amended.ok) return;
        accepted += 1;
        expect(at < A_CLOSES && at < to).toBe(true);
        expect(amended.calendar.batches[0]?.choiceWindow.closesAt).toEqual(to);
        expect({ ...amended.calendar, batches: amended.calendar.batches.slice(1) }).toEqual({
          ...calendar2024,
          batches: calendar2024.batches.slice(1),
        });
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('amendmentRefusalText', () => {
  it('says every refusal in French, with the instant in Paris time', () => {
    const passed = amendCalendar(calendar2024, closesA(ms(A_CLOSES, HOUR)), REASON, A_CLOSES);
    if (passed.ok) throw new Error('moved a passed instant');
    expect(amendmentRefusalText(passed.refusal)).toBe(
      'Ce moment est passé depuis le lundi 1er juillet 2024 à 10 h 00 (heure de Paris) : il ne peut plus être déplacé.',
    );
    const broken = amendCalendar(
      calendar2024,
      { kind: 'CHOICE_WINDOW_OPENS', batchId: 'A', to: ms(A_CLOSES, HOUR) },
      REASON,
      EARLY,
    );
    if (broken.ok) throw new Error('opened a window after its end');
    expect(amendmentRefusalText(broken.refusal)).toMatch(
      /^Le calendrier modifié ne respecterait plus ses règles : Lot A : .+\.$/,
    );
    expect(amendmentRefusalText({ code: 'REASON_TOO_LONG', maxLength: 500 })).toBe(
      'Le motif dépasse 500 caractères : résumez-le.',
    );
    for (const code of [
      'REASON_REQUIRED',
      'UNKNOWN_BATCH',
      'UNKNOWN_ORAL_DAY',
      'MALFORMED_DAY',
      'NOT_IN_FUTURE',
      'UNCHANGED',
    ] as const)
      expect(amendmentRefusalText({ code })).toMatch(/^[A-ZÀ-Ý].+\.$/);
  });
});
