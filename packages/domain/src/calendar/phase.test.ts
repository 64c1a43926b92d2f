import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainInputError } from '../errors.ts';
import type { ExamSessionCalendar } from './exam-session-calendar.ts';
import { buildCalendar } from './exam-session-calendar.ts';
import { parisWallTimeToInstant } from './paris-time.ts';
import type { Phase } from './phase.ts';
import {
  PHASES,
  batchOf,
  choiceWindow,
  isFirstGroupPublished,
  isOralDay,
  isPublishedAt,
  isSecondGroupPublished,
  isWindowOpen,
  oralDayFor,
  oralDays,
  phaseAt,
  windowState,
} from './phase.ts';
import { calendar2024 } from './session-2024.ts';

function at(wall: string, deltaMs = 0): Date {
  return new Date(parisWallTimeToInstant(wall).getTime() + deltaMs);
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainInputError) return error.code;
    throw error;
  }
  return 'NO_ERROR';
}

/**
 * A test calendar with what 2024 lacks: a publication before the window
 * opens, and a gap between two oral days of one specialty.
 */
const gapCalendar: ExamSessionCalendar = buildCalendar({
  year: 2025,
  batches: [
    {
      id: 'X',
      label: 'Lot X (test)',
      firstGroupResultsAt: '2025-06-27T09:00',
      choiceWindow: { opensAt: '2025-06-27T14:00', closesAt: '2025-06-30T12:00' },
      specialtyCodes: ['MCO'],
    },
  ],
  oralDays: [
    { specialtyCode: 'MCO', date: '2025-07-02' },
    { specialtyCode: 'MCO', originAcademyCode: '19', date: '2025-07-04' },
  ],
  secondGroupResultsAt: '2025-07-09T16:30',
});

describe('phaseAt, at every boundary', () => {
  it.each<[string, string, number, Phase]>([
    ['MCO', '2024-06-28T10:00', -1, 'BEFORE_FIRST_GROUP_RESULTS'],
    ['MCO', '2024-06-28T10:00', 0, 'CHOICE_WINDOW_OPEN'],
    ['MCO', '2024-07-01T10:00', -1, 'CHOICE_WINDOW_OPEN'],
    ['MCO', '2024-07-01T10:00', 0, 'CHOICE_WINDOW_CLOSED'],
    ['MCO', '2024-07-03T00:00', -1, 'CHOICE_WINDOW_CLOSED'],
    ['MCO', '2024-07-03T00:00', 0, 'ORALS'],
    ['MCO', '2024-07-04T12:00', 0, 'ORALS'],
    ['MCO', '2024-07-05T00:00', -1, 'ORALS'],
    ['MCO', '2024-07-05T00:00', 0, 'AWAITING_SECOND_GROUP_RESULTS'],
    ['MCO', '2024-07-10T16:30', -1, 'AWAITING_SECOND_GROUP_RESULTS'],
    ['MCO', '2024-07-10T16:30', 0, 'SECOND_GROUP_RESULTS_PUBLISHED'],
    ['NDRC', '2024-06-28T10:00', -1, 'BEFORE_FIRST_GROUP_RESULTS'],
    ['NDRC', '2024-06-28T10:00', 0, 'CHOICE_WINDOW_OPEN'],
    ['NDRC', '2024-07-01T10:00', 0, 'CHOICE_WINDOW_CLOSED'],
    ['NDRC', '2024-07-03T00:00', 0, 'ORALS'],
    ['NDRC', '2024-07-05T00:00', 0, 'AWAITING_SECOND_GROUP_RESULTS'],
    ['SIO', '2024-06-28T10:00', 0, 'BEFORE_FIRST_GROUP_RESULTS'],
    ['SIO', '2024-07-01T19:00', -1, 'BEFORE_FIRST_GROUP_RESULTS'],
    ['SIO', '2024-07-01T19:00', 0, 'CHOICE_WINDOW_OPEN'],
    ['SIO', '2024-07-02T17:00', -1, 'CHOICE_WINDOW_OPEN'],
    ['SIO', '2024-07-02T17:00', 0, 'CHOICE_WINDOW_CLOSED'],
    ['SIO', '2024-07-04T00:00', -1, 'CHOICE_WINDOW_CLOSED'],
    ['SIO', '2024-07-04T00:00', 0, 'ORALS'],
    ['SIO', '2024-07-05T00:00', -1, 'ORALS'],
    ['SIO', '2024-07-05T00:00', 0, 'AWAITING_SECOND_GROUP_RESULTS'],
    ['SIO', '2024-07-10T16:30', -1, 'AWAITING_SECOND_GROUP_RESULTS'],
    ['SIO', '2024-07-10T16:30', 0, 'SECOND_GROUP_RESULTS_PUBLISHED'],
  ])('2024 %s at %s %+d ms → %s', (specialty, wall, delta, phase) => {
    expect(phaseAt(calendar2024, specialty, at(wall, delta))).toBe(phase);
  });

  it.each<[string, number, Phase]>([
    ['2025-06-27T09:00', -1, 'BEFORE_FIRST_GROUP_RESULTS'],
    ['2025-06-27T09:00', 0, 'FIRST_GROUP_PUBLISHED'],
    ['2025-06-27T14:00', -1, 'FIRST_GROUP_PUBLISHED'],
    ['2025-06-27T14:00', 0, 'CHOICE_WINDOW_OPEN'],
    ['2025-06-30T12:00', 0, 'CHOICE_WINDOW_CLOSED'],
    ['2025-07-02T00:00', 0, 'ORALS'],
    // No oral on 3 July, but the orals are not over: still ORALS.
    ['2025-07-03T12:00', 0, 'ORALS'],
    ['2025-07-05T00:00', -1, 'ORALS'],
    ['2025-07-05T00:00', 0, 'AWAITING_SECOND_GROUP_RESULTS'],
    ['2025-07-09T16:30', 0, 'SECOND_GROUP_RESULTS_PUBLISHED'],
  ])('test calendar at %s %+d ms → %s', (wall, delta, phase) => {
    expect(phaseAt(gapCalendar, 'MCO', at(wall, delta))).toBe(phase);
  });

  it('tells oral days from the days between them', () => {
    expect(isOralDay(gapCalendar, 'MCO', at('2025-07-02T10:00'))).toBe(true);
    expect(isOralDay(gapCalendar, 'MCO', at('2025-07-03T10:00'))).toBe(false);
    expect(isOralDay(gapCalendar, 'MCO', at('2025-07-04T23:59'))).toBe(true);
    expect(isOralDay(calendar2024, 'SIO', at('2024-07-03T10:00'))).toBe(false);
  });

  it('refuses an unknown specialty and an invalid instant', () => {
    expect(codeOf(() => phaseAt(calendar2024, 'BTP', at('2024-07-01T10:00')))).toBe(
      'UNKNOWN_SPECIALTY',
    );
    expect(codeOf(() => batchOf(calendar2024, 'mco'))).toBe('UNKNOWN_SPECIALTY');
    expect(codeOf(() => phaseAt(calendar2024, 'MCO', new Date(Number.NaN)))).toBe(
      'INVALID_INSTANT',
    );
    expect(codeOf(() => windowState(choiceWindow(calendar2024, 'MCO'), new Date(Number.NaN)))).toBe(
      'INVALID_INSTANT',
    );
  });
});

describe('publication', () => {
  it('publishes the first group at its instant, per batch', () => {
    expect(isFirstGroupPublished(calendar2024, 'MCO', at('2024-06-28T10:00', -1))).toBe(false);
    expect(isFirstGroupPublished(calendar2024, 'MCO', at('2024-06-28T10:00'))).toBe(true);
    expect(isFirstGroupPublished(calendar2024, 'SIO', at('2024-07-01T10:00'))).toBe(false);
    expect(isFirstGroupPublished(calendar2024, 'SIO', at('2024-07-01T19:00'))).toBe(true);
  });

  it('makes results public from their instant exactly, and refuses an invalid one', () => {
    const instant = new Date('2024-06-28T08:00:00.000Z');
    expect(isPublishedAt(instant, new Date(instant.getTime() - 1))).toBe(false);
    expect(isPublishedAt(instant, instant)).toBe(true);
    expect(isPublishedAt(instant, new Date(instant.getTime() + 1))).toBe(true);
    expect(codeOf(() => isPublishedAt(new Date(Number.NaN), instant))).toBe('INVALID_INSTANT');
    expect(codeOf(() => isPublishedAt(instant, new Date(Number.NaN)))).toBe('INVALID_INSTANT');
  });

  it('publishes the second group at 16:30 on 10 July 2024', () => {
    expect(isSecondGroupPublished(calendar2024, new Date('2024-07-10T14:29:59.999Z'))).toBe(false);
    expect(isSecondGroupPublished(calendar2024, new Date('2024-07-10T14:30:00.000Z'))).toBe(true);
  });
});

describe('oral days', () => {
  it('prefers the rule naming the académie over the specialty rule', () => {
    expect(oralDayFor(calendar2024, 'MCO', '19')).toBe('2024-07-03');
    expect(oralDayFor(calendar2024, 'MCO', '01')).toBe('2024-07-04');
    expect(oralDayFor(calendar2024, 'MCO', '24')).toBe('2024-07-04');
    expect(oralDayFor(calendar2024, 'MCO', '25')).toBe('2024-07-04');
    expect(oralDayFor(calendar2024, 'NDRC', '01')).toBe('2024-07-03');
    expect(oralDayFor(calendar2024, 'NDRC', '02')).toBe('2024-07-04');
    expect(oralDayFor(calendar2024, 'SIO', '01')).toBe('2024-07-04');
  });

  it('does not depend on the order of the rules', () => {
    const reversed = buildCalendar({
      year: 2025,
      batches: [
        {
          id: 'X',
          label: 'Lot X (test)',
          firstGroupResultsAt: '2025-06-27T09:00',
          choiceWindow: { opensAt: '2025-06-27T14:00', closesAt: '2025-06-30T12:00' },
          specialtyCodes: ['MCO'],
        },
      ],
      oralDays: [
        { specialtyCode: 'MCO', originAcademyCode: '19', date: '2025-07-04' },
        { specialtyCode: 'MCO', date: '2025-07-02' },
      ],
      secondGroupResultsAt: '2025-07-09T16:30',
    });
    expect(oralDayFor(reversed, 'MCO', '19')).toBe('2025-07-04');
    expect(oralDayFor(reversed, 'MCO', '10')).toBe('2025-07-02');
  });

  it('says when no rule applies, and refuses unknown codes', () => {
    const onlySpecific = buildCalendar({
      year: 2025,
      batches: [
        {
          id: 'X',
          label: 'Lot X (test)',
          firstGroupResultsAt: '2025-06-27T09:00',
          choiceWindow: { opensAt: '2025-06-27T14:00', closesAt: '2025-06-30T12:00' },
          specialtyCodes: ['SIO'],
        },
      ],
      oralDays: [{ specialtyCode: 'SIO', originAcademyCode: '19', date: '2025-07-02' }],
      secondGroupResultsAt: '2025-07-09T16:30',
    });
    expect(oralDayFor(onlySpecific, 'SIO', '19')).toBe('2025-07-02');
    expect(codeOf(() => oralDayFor(onlySpecific, 'SIO', '20'))).toBe('NO_ORAL_DAY');
    expect(codeOf(() => oralDayFor(calendar2024, 'BTP', '19'))).toBe('UNKNOWN_SPECIALTY');
    expect(codeOf(() => oralDayFor(calendar2024, 'MCO', '1'))).toBe('UNKNOWN_ACADEMY');
  });

  it('lists the session oral days, sorted and distinct', () => {
    expect(oralDays(calendar2024)).toEqual(['2024-07-03', '2024-07-04']);
    expect(oralDays(gapCalendar)).toEqual(['2025-07-02', '2025-07-04']);
  });
});

describe('phase properties', () => {
  function boundaries(cal: ExamSessionCalendar): number[] {
    return [
      ...cal.batches.flatMap((b) => [
        b.firstGroupResultsAt,
        b.choiceWindow.opensAt,
        b.choiceWindow.closesAt,
      ]),
      ...cal.oralDays.flatMap((r) => [at(`${r.date}T00:00`), at(`${r.date}T23:59:59.999`)]),
      cal.secondGroupResultsAt,
    ].map((d) => d.getTime());
  }

  const cases: readonly [string, ExamSessionCalendar, readonly string[]][] = [
    ['2024', calendar2024, ['MCO', 'NDRC', 'SIO']],
    ['test', gapCalendar, ['MCO']],
  ];

  for (const [name, cal, specialties] of cases) {
    const edges = boundaries(cal);
    const lo = Math.min(...edges) - 3 * 86_400_000;
    const hi = Math.max(...edges) + 3 * 86_400_000;
    // Half the instants near a boundary, where mistakes hide.
    const instant = fc.oneof(
      fc.integer({ min: lo, max: hi }),
      fc.tuple(fc.constantFrom(...edges), fc.integer({ min: -2, max: 2 })).map(([e, d]) => e + d),
    );

    it(`${name} calendar: each instant is in exactly one phase, consistent with the predicates`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...specialties), instant, (specialty, t) => {
          const d = new Date(t);
          const phase = phaseAt(cal, specialty, d);
          const index = PHASES.indexOf(phase);
          expect(index).toBeGreaterThanOrEqual(0);
          const w = choiceWindow(cal, specialty);
          expect(isFirstGroupPublished(cal, specialty, d)).toBe(
            index >= PHASES.indexOf('FIRST_GROUP_PUBLISHED'),
          );
          expect(isWindowOpen(w, d)).toBe(phase === 'CHOICE_WINDOW_OPEN');
          expect(windowState(w, d) === 'CLOSED').toBe(
            index >= PHASES.indexOf('CHOICE_WINDOW_CLOSED'),
          );
          expect(isSecondGroupPublished(cal, d)).toBe(phase === 'SECOND_GROUP_RESULTS_PUBLISHED');
          if (isOralDay(cal, specialty, d)) expect(phase).toBe('ORALS');
        }),
        { numRuns: 3000 },
      );
    });

    it(`${name} calendar: the phase never goes back as time moves forward`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...specialties), instant, instant, (specialty, t1, t2) => {
          const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const p1 = PHASES.indexOf(phaseAt(cal, specialty, new Date(early)));
          const p2 = PHASES.indexOf(phaseAt(cal, specialty, new Date(late)));
          expect(p1).toBeLessThanOrEqual(p2);
        }),
        { numRuns: 3000 },
      );
    });
  }
});
