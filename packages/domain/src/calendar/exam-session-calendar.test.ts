import { describe, it, expect } from 'vitest';
import { DomainInputError } from '../errors.ts';
import type { BatchData, CalendarData } from './exam-session-calendar.ts';
import { buildCalendar } from './exam-session-calendar.ts';
import { CALENDAR_2024_DATA } from './session-2024.ts';

const HOUR = 3_600_000;

function problemsOf(data: CalendarData): readonly string[] {
  try {
    buildCalendar(data);
  } catch (error) {
    if (error instanceof DomainInputError && error.code === 'INVALID_CALENDAR')
      return error.details;
    throw error;
  }
  return [];
}

const base = CALENDAR_2024_DATA;
const [batchA, batchB] = base.batches as readonly [BatchData, BatchData];

function withBatchA(patch: Partial<BatchData>): CalendarData {
  return { ...base, batches: [{ ...batchA, ...patch }, batchB] };
}
function withBatchB(patch: Partial<BatchData>): CalendarData {
  return { ...base, batches: [batchA, { ...batchB, ...patch }] };
}

describe('buildCalendar', () => {
  it('accepts the 2024 session and converts its wall times once', () => {
    expect(problemsOf(base)).toEqual([]);
    const cal = buildCalendar(base);
    expect(cal.year).toBe(2024);
    expect(cal.batches.map((b) => b.id)).toEqual(['A', 'B']);
    expect(cal.secondGroupResultsAt.toISOString()).toBe('2024-07-10T14:30:00.000Z');
    expect(Object.isFrozen(cal)).toBe(true);
    expect(Object.isFrozen(cal.batches[0]?.choiceWindow)).toBe(true);
  });

  it.each<[string, CalendarData, RegExp]>([
    [
      'a window that closes before it opens',
      withBatchA({ choiceWindow: { opensAt: '2024-07-01T10:00', closesAt: '2024-06-30T10:00' } }),
      /Lot A : la saisie des choix ferme .* avant ou à son ouverture/,
    ],
    [
      'an empty window',
      withBatchA({ choiceWindow: { opensAt: '2024-06-28T10:00', closesAt: '2024-06-28T10:00' } }),
      /Lot A : la saisie des choix ferme .* avant ou à son ouverture/,
    ],
    [
      'a window that opens before the first-group results (embargo)',
      withBatchB({ choiceWindow: { opensAt: '2024-07-01T18:59', closesAt: '2024-07-02T17:00' } }),
      /Lot B : la saisie des choix ouvre \(2024-07-01T18:59\) avant la publication des résultats du premier groupe \(2024-07-01T19:00\)/,
    ],
    [
      'a window that closes after the second-group results',
      withBatchB({ choiceWindow: { opensAt: '2024-07-01T19:00', closesAt: '2024-07-10T17:00' } }),
      /Lot B : la saisie des choix ferme .* après la publication des résultats du second groupe/,
    ],
    [
      'a specialty in two batches',
      withBatchB({ specialtyCodes: ['SIO', 'MCO'] }),
      /Lot B : la spécialité MCO figure déjà dans le lot A/,
    ],
    [
      'a specialty twice in one batch',
      withBatchB({ specialtyCodes: ['SIO', 'SIO'] }),
      /la spécialité SIO figure deux fois/,
    ],
    ['a batch with no specialty', withBatchB({ specialtyCodes: [] }), /Lot B : aucune spécialité/],
    ['a duplicate batch id', withBatchB({ id: 'A' }), /Lot A : identifiant en double/],
    ['an empty batch id', withBatchB({ id: '' }), /Lot n° 2 : identifiant vide/],
    ['an empty label', withBatchB({ label: ' ' }), /Lot B : libellé vide/],
    ['no batch at all', { ...base, batches: [], oralDays: [] }, /aucun lot/],
    [
      'a malformed wall time',
      withBatchA({ firstGroupResultsAt: '2024-06-28 10:00' }),
      /Lot A, publication des résultats du premier groupe : Heure de Paris mal formée/,
    ],
    [
      'a wall time with an offset',
      { ...base, secondGroupResultsAt: '2024-07-10T16:30+02:00' },
      /Publication des résultats du second groupe : Heure de Paris mal formée/,
    ],
    [
      'a nonexistent wall time',
      { ...base, year: 2025, ...shiftedTo2025(), secondGroupResultsAt: '2025-03-30T02:30' },
      /n’existe pas/,
    ],
    [
      'a date in another year',
      withBatchA({ firstGroupResultsAt: '2023-06-28T10:00' }),
      /n’est pas en 2024/,
    ],
    ['an invalid year', { ...base, year: 24 }, /Année de session invalide/],
    [
      'an oral day before its window closes',
      {
        ...base,
        oralDays: [
          ...base.oralDays,
          { specialtyCode: 'SIO', originAcademyCode: '19', date: '2024-07-02' },
        ],
      },
      /\(SIO, académie 19\) : le 2024-07-02 ne vient pas après la fermeture de la saisie des choix \(2024-07-02T17:00\)/,
    ],
    [
      'an oral day on the day of the second-group results',
      {
        ...base,
        oralDays: [
          ...base.oralDays,
          { specialtyCode: 'SIO', originAcademyCode: '19', date: '2024-07-10' },
        ],
      },
      /le 2024-07-10 ne vient pas avant la publication des résultats du second groupe/,
    ],
    [
      'a malformed oral day',
      {
        ...base,
        oralDays: [
          ...base.oralDays,
          { specialtyCode: 'SIO', originAcademyCode: '19', date: '2024-7-4' },
        ],
      },
      /date mal formée « 2024-7-4 »/,
    ],
    [
      'an impossible oral day',
      {
        ...base,
        oralDays: [
          ...base.oralDays,
          { specialtyCode: 'SIO', originAcademyCode: '19', date: '2024-06-31' },
        ],
      },
      /date mal formée « 2024-06-31 »/,
    ],
    [
      'an oral day for a specialty in no batch',
      { ...base, oralDays: [...base.oralDays, { specialtyCode: 'BTP', date: '2024-07-04' }] },
      /la spécialité BTP ne figure dans aucun lot/,
    ],
    [
      'an oral day for an unknown académie',
      {
        ...base,
        oralDays: [
          ...base.oralDays,
          { specialtyCode: 'SIO', originAcademyCode: '05', date: '2024-07-04' },
        ],
      },
      /\(SIO, académie 05\) : code d’académie inconnu/,
    ],
    [
      'two rules for the same specialty and académie',
      {
        ...base,
        oralDays: [
          ...base.oralDays,
          { specialtyCode: 'MCO', originAcademyCode: '01', date: '2024-07-03' },
        ],
      },
      /règle en double/,
    ],
    [
      'a specialty with no oral day',
      { ...base, oralDays: base.oralDays.filter((r) => r.specialtyCode !== 'SIO') },
      /Spécialité SIO : aucun jour d’oral/,
    ],
  ])('rejects %s', (_name, data, expected) => {
    const problems = problemsOf(data);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('lists every problem, not only the first, in a French message', () => {
    const data: CalendarData = {
      ...base,
      batches: [
        { ...batchA, choiceWindow: { opensAt: '2024-06-27T10:00', closesAt: '2024-06-26T10:00' } },
        { ...batchB, specialtyCodes: ['SIO', 'NDRC'] },
      ],
    };
    let caught: unknown;
    try {
      buildCalendar(data);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainInputError);
    const error = caught as DomainInputError;
    expect(error.code).toBe('INVALID_CALENDAR');
    expect(error.message).toBe(
      `Calendrier de la session 2024 invalide : ${error.details.length} problème(s).`,
    );
    expect(error.details.length).toBeGreaterThanOrEqual(3);
    expect(error.details.join('\n')).toMatch(/avant ou à son ouverture/);
    expect(error.details.join('\n')).toMatch(
      /avant la publication des résultats du premier groupe/,
    );
    expect(error.details.join('\n')).toMatch(/NDRC figure déjà dans le lot A/);
  });
});

/** The 2024 batches moved to 2025 dates around the March change. */
function shiftedTo2025(): Pick<CalendarData, 'batches' | 'oralDays'> {
  return {
    batches: [
      {
        id: 'M',
        label: 'Lot de mars (test)',
        firstGroupResultsAt: '2025-03-29T10:00',
        choiceWindow: { opensAt: '2025-03-29T10:00', closesAt: '2025-03-31T10:00' },
        specialtyCodes: ['MCO'],
      },
    ],
    oralDays: [{ specialtyCode: 'MCO', date: '2025-04-01' }],
  };
}

describe('calendars across a daylight-saving change in Paris', () => {
  it('a window over the March change lasts 47 h', () => {
    const cal = buildCalendar({
      year: 2025,
      ...shiftedTo2025(),
      secondGroupResultsAt: '2025-04-03T16:30',
    });
    const w = cal.batches[0]?.choiceWindow;
    expect(w?.opensAt.toISOString()).toBe('2025-03-29T09:00:00.000Z');
    expect(w?.closesAt.toISOString()).toBe('2025-03-31T08:00:00.000Z');
    expect((w?.closesAt.getTime() ?? 0) - (w?.opensAt.getTime() ?? 0)).toBe(47 * HOUR);
  });

  it('a window over the October change lasts 49 h', () => {
    const cal = buildCalendar({
      year: 2025,
      batches: [
        {
          id: 'O',
          label: "Lot d'octobre (test)",
          firstGroupResultsAt: '2025-10-25T10:00',
          choiceWindow: { opensAt: '2025-10-25T10:00', closesAt: '2025-10-27T10:00' },
          specialtyCodes: ['SIO'],
        },
      ],
      oralDays: [{ specialtyCode: 'SIO', date: '2025-10-28' }],
      secondGroupResultsAt: '2025-10-30T16:30',
    });
    const w = cal.batches[0]?.choiceWindow;
    expect(w?.opensAt.toISOString()).toBe('2025-10-25T08:00:00.000Z');
    expect(w?.closesAt.toISOString()).toBe('2025-10-27T09:00:00.000Z');
    expect((w?.closesAt.getTime() ?? 0) - (w?.opensAt.getTime() ?? 0)).toBe(49 * HOUR);
  });

  it('refuses a window edge in the gap or in the overlap', () => {
    const march = shiftedTo2025();
    const gap = problemsOf({
      year: 2025,
      batches: march.batches.map((b) => ({
        ...b,
        choiceWindow: { opensAt: '2025-03-29T10:00', closesAt: '2025-03-30T02:30' },
      })),
      oralDays: march.oralDays,
      secondGroupResultsAt: '2025-04-03T16:30',
    });
    expect(gap.join('\n')).toMatch(
      /Lot M, fermeture de la saisie des choix : L’heure de Paris « 2025-03-30T02:30 » n’existe pas/,
    );

    const overlap = problemsOf({
      year: 2025,
      batches: [
        {
          id: 'O',
          label: "Lot d'octobre (test)",
          firstGroupResultsAt: '2025-10-25T10:00',
          choiceWindow: { opensAt: '2025-10-25T10:00', closesAt: '2025-10-26T02:30' },
          specialtyCodes: ['SIO'],
        },
      ],
      oralDays: [{ specialtyCode: 'SIO', date: '2025-10-28' }],
      secondGroupResultsAt: '2025-10-30T16:30',
    });
    expect(overlap.join('\n')).toMatch(
      /Lot O, fermeture de la saisie des choix : L’heure de Paris « 2025-10-26T02:30 » est ambiguë/,
    );
  });
});
