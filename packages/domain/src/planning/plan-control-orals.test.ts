import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parisWallTimeToInstant } from '../calendar/paris-time.ts';
import type { ExamTest } from '../marks/exam-structure.ts';
import { MCO_STRUCTURE } from '../reference/exam-structures.ts';
import { type Accommodation, oralTimingOf } from './oral-timing.ts';
import {
  type CandidateToPlan,
  type Examiner,
  type IssuedOral,
  type OralPlan,
  type PlanningInput,
  type Room,
  planControlOrals,
} from './plan-control-orals.ts';

const byCode = (code: string): ExamTest => {
  const t = MCO_STRUCTURE.tests.find((x) => x.code === code);
  if (t === undefined) throw new Error(code);
  return t;
};
const TESTS = [byCode('E1'), byCode('E2'), byCode('E3')] as const;
const [E1, E2, E3] = TESTS;
const DAY = '2024-07-03';
const MINUTE = 60_000;
const at = (hhmm: string) => parisWallTimeToInstant(`${DAY}T${hhmm}`);

const examiner = (name: string, codes: string[], from = '08:00', until = '18:00'): Examiner => ({
  name,
  day: DAY,
  availableFrom: at(from),
  availableUntil: at(until),
  tests: codes.map((testCode) => ({ specialtyCode: 'MCO', testCode })),
});
const candidate = (
  id: string,
  tests: readonly [ExamTest, ExamTest],
  accommodation: Accommodation | null = null,
): CandidateToPlan => ({ candidateId: id, specialtyCode: 'MCO', day: DAY, tests, accommodation });
const ROOMS: Room[] = [
  { name: 'Salle 1', accessible: false },
  { name: 'Salle 2', accessible: true },
];

describe('planControlOrals', () => {
  it('places one candidate from the examiners’ arrival, keeping the given order on a tie', () => {
    const plan = planControlOrals({
      candidates: [candidate('a', [E1, E2])],
      examiners: [examiner('Mme A', ['E1']), examiner('M. B', ['E2'])],
      rooms: ROOMS,
    });
    expect(plan.unplaced).toEqual([]);
    // Ten minutes to change rooms (the default) between the E1 oral and the E2 preparation.
    expect(plan.placed.map((o) => [o.testCode, o.preparationStartsAt, o.endsAt])).toEqual([
      ['E1', at('08:00'), at('08:40')],
      ['E2', at('08:50'), at('09:10')],
    ]);
  });

  it('follows the session’s oral durations: 30 + 15 minutes where its rules say so', () => {
    const input: PlanningInput = {
      candidates: [candidate('a', [E1, E2])],
      examiners: [examiner('Mme A', ['E1']), examiner('M. B', ['E2'])],
      rooms: ROOMS,
      oralDurations: {
        standard: { preparationMinutes: 30, oralMinutes: 15 },
        language: { preparationMinutes: 5, oralMinutes: 5 },
      },
    };
    const plan = planControlOrals(input);
    // E2 is a language: its own durations.
    expect(
      plan.placed.map((o) => [o.testCode, o.preparationStartsAt, o.startsAt, o.endsAt]),
    ).toEqual([
      ['E1', at('08:00'), at('08:30'), at('08:45')],
      ['E2', at('08:55'), at('09:00'), at('09:05')],
    ]);
    checkPlan(input, plan);
  });

  it.each([
    [0, '08:40'],
    [10, '08:50'],
    [25, '09:05'],
  ])(
    'with a minimum gap of %i minutes, the second preparation starts at %s, not the minute the first oral ends',
    (minGapMinutes, second) => {
      const plan = planControlOrals({
        candidates: [candidate('a', [E1, E3])],
        examiners: [examiner('Mme A', ['E1']), examiner('M. B', ['E3'])],
        rooms: ROOMS,
        minGapMinutes,
      });
      expect(plan.placed.map((o) => [o.testCode, o.preparationStartsAt])).toEqual([
        ['E1', at('08:00')],
        ['E3', at(second)],
      ]);
    },
  );

  it.each([
    [{ minGapMinutes: -1 }, /écart minimal invalide/],
    [{ minGapMinutes: 1.5 }, /écart minimal invalide/],
    [{ minGapMinutes: 40, maxGapMinutes: 30 }, /écart minimal \(40 min\) supérieur/],
  ])('refuses the gaps %o', (gaps, message) => {
    expect(() => planControlOrals({ candidates: [], examiners: [], rooms: [], ...gaps })).toThrow(
      message,
    );
  });

  it('gives the accommodated candidate the extra preparation and an accessible room', () => {
    const plan = planControlOrals({
      candidates: [
        candidate('a', [E1, E3]),
        candidate('b', [E1, E3], {
          extraPreparation: { numerator: 1, denominator: 3 },
          accessibleRoomRequired: true,
          note: null,
        }),
      ],
      examiners: [examiner('Mme A', ['E1']), examiner('M. B', ['E3'])],
      rooms: ROOMS,
    });
    const b = plan.placed.filter((o) => o.candidateId === 'b');
    expect(b).toHaveLength(2);
    for (const o of b) {
      expect(o.room).toBe('Salle 2');
      expect(o.extraPreparationMinutes).toBe(7);
      expect(o.startsAt.getTime() - o.preparationStartsAt.getTime()).toBe(27 * MINUTE);
    }
  });

  it.each([
    [
      'no examiner for the test that day',
      { examiners: [examiner('Mme A', ['E1'])], rooms: ROOMS },
      null,
      { reason: 'NO_EXAMINER', testCode: 'E3' },
    ],
    [
      'no accessible room',
      {
        examiners: [examiner('Mme A', ['E1']), examiner('M. B', ['E3'])],
        rooms: [{ name: 'Salle 1', accessible: false }],
      },
      { extraPreparation: null, accessibleRoomRequired: true, note: null },
      { reason: 'NO_ACCESSIBLE_ROOM', testCode: 'E1' },
    ],
    [
      'no room at all',
      { examiners: [examiner('Mme A', ['E1']), examiner('M. B', ['E3'])], rooms: [] },
      null,
      { reason: 'NO_ROOM', testCode: 'E1' },
    ],
    [
      'examiner hours too short',
      {
        examiners: [examiner('Mme A', ['E1'], '08:00', '08:30'), examiner('M. B', ['E3'])],
        rooms: ROOMS,
      },
      null,
      { reason: 'DAY_FULL', testCode: null },
    ],
  ] as const)(
    'reports the candidate unplaced: %s',
    (_label, resources, accommodation, expected) => {
      const plan = planControlOrals({
        candidates: [candidate('a', [E1, E3], accommodation)],
        ...resources,
      });
      expect(plan.placed).toEqual([]);
      expect(plan.unplaced).toEqual([{ candidateId: 'a', ...expected }]);
    },
  );

  it('reports DAY_FULL when demand exceeds one examiner’s day', () => {
    const candidates = Array.from({ length: 20 }, (_, i) => candidate(`c${i}`, [E1, E3]));
    const plan = planControlOrals({
      candidates,
      examiners: [examiner('Mme A', ['E1', 'E3'], '08:00', '12:00')],
      rooms: ROOMS,
    });
    // 4 hours of 20-minute orals: at most 12 orals, 6 candidates.
    expect(plan.placed.length).toBeLessThanOrEqual(12);
    expect(plan.unplaced.length).toBeGreaterThan(0);
    expect(plan.unplaced.every((u) => u.reason === 'DAY_FULL')).toBe(true);
  });

  it('respects the maximum gap, waiting rather than leaving a candidate idle too long', () => {
    // E1's examiner is free only from 14:00; E3's from 08:00. With a 30-minute
    // gap, the E3 oral moves from 08:00 to end 30 minutes before 14:00.
    const plan = planControlOrals({
      candidates: [candidate('a', [E1, E3])],
      examiners: [examiner('Mme A', ['E1'], '14:00', '18:00'), examiner('M. B', ['E3'])],
      rooms: ROOMS,
      maxGapMinutes: 30,
    });
    const [first, second] = plan.placed;
    expect(first?.testCode).toBe('E3');
    expect(first?.endsAt).toEqual(at('13:30'));
    expect(second?.preparationStartsAt).toEqual(at('14:00'));
  });

  it('refuses an examiner declared twice on a day', () => {
    expect(() =>
      planControlOrals({
        candidates: [],
        examiners: [examiner('Mme A', ['E1']), examiner('Mme A', ['E3'])],
        rooms: ROOMS,
      }),
    ).toThrow(/déclaré deux fois/);
  });
});

// ---------------------------------------------------------------- properties

const accommodationArb: fc.Arbitrary<Accommodation | null> = fc.option(
  fc.record({
    extraPreparation: fc.option(
      fc
        .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 }))
        .filter(([n, d]) => n <= d)
        .map(([numerator, denominator]) => ({ numerator, denominator })),
    ),
    accessibleRoomRequired: fc.boolean(),
    note: fc.constant(null),
  }),
  { freq: 3 },
);

const instanceArb: fc.Arbitrary<PlanningInput> = fc
  .record({
    candidates: fc.array(
      fc.record({
        pair: fc.constantFrom<[number, number]>([0, 1], [0, 2], [1, 2], [1, 0], [2, 0]),
        accommodation: accommodationArb,
      }),
      { maxLength: 25 },
    ),
    examiners: fc.array(
      fc.record({
        codes: fc.subarray(['E1', 'E2', 'E3'], { minLength: 1 }),
        from: fc.integer({ min: 8 * 4, max: 12 * 4 }),
        length: fc.integer({ min: 1, max: 10 * 4 }),
      }),
      { maxLength: 5 },
    ),
    rooms: fc.array(fc.boolean(), { maxLength: 4 }),
    minGapMinutes: fc.integer({ min: 0, max: 30 }),
    extraGapMinutes: fc.integer({ min: 0, max: 180 }),
    // The session's durations, national or not (a rule set is data).
    oralDurations: fc.option(
      fc.record({
        standard: fc.record({
          preparationMinutes: fc.integer({ min: 0, max: 40 }),
          oralMinutes: fc.integer({ min: 1, max: 40 }),
        }),
        language: fc.record({
          preparationMinutes: fc.integer({ min: 0, max: 40 }),
          oralMinutes: fc.integer({ min: 1, max: 40 }),
        }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ candidates, examiners, rooms, minGapMinutes, extraGapMinutes, oralDurations }) => ({
    candidates: candidates.map(({ pair, accommodation }, i) =>
      candidate(`c${i}`, [TESTS[pair[0]] as ExamTest, TESTS[pair[1]] as ExamTest], accommodation),
    ),
    examiners: examiners.map((e, i) => ({
      name: `Examinateur ${i}`,
      day: DAY,
      availableFrom: new Date(at('00:00').getTime() + e.from * 15 * MINUTE),
      availableUntil: new Date(at('00:00').getTime() + (e.from + e.length) * 15 * MINUTE),
      tests: e.codes.map((testCode) => ({ specialtyCode: 'MCO', testCode })),
    })),
    rooms: rooms.map((accessible, i) => ({ name: `Salle ${i}`, accessible })),
    minGapMinutes,
    maxGapMinutes: minGapMinutes + extraGapMinutes,
    ...(oralDurations === undefined ? {} : { oralDurations }),
  }));

const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }) =>
  a.from < b.to && b.from < a.to;

function checkPlan(input: PlanningInput, plan: OralPlan, kept: readonly IssuedOral[] = []): void {
  const all = [
    ...kept.map((o) => ({ ...o, new: false })),
    ...plan.placed.map((o) => ({ ...o, new: true })),
  ];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i];
      const b = all[j];
      if (a === undefined || b === undefined) continue;
      const oralA = { from: a.startsAt.getTime(), to: a.endsAt.getTime() };
      const oralB = { from: b.startsAt.getTime(), to: b.endsAt.getTime() };
      if (a.examiner !== null && a.examiner === b.examiner)
        expect(overlaps(oralA, oralB), 'examiner double-booked').toBe(false);
      if (a.room !== null && a.room === b.room)
        expect(overlaps(oralA, oralB), 'room double-booked').toBe(false);
      if (a.candidateId === b.candidateId) {
        const whole = (o: typeof a) => ({
          from: o.preparationStartsAt.getTime(),
          to: o.endsAt.getTime(),
        });
        expect(overlaps(whole(a), whole(b)), 'candidate double-booked').toBe(false);
      }
    }
  }
  const byCandidate = new Map(input.candidates.map((c) => [c.candidateId, c]));
  const reported = new Set(plan.unplaced.map((u) => u.candidateId));
  const placedIds = new Set(plan.placed.map((o) => o.candidateId));
  const keptIds = new Set(kept.map((o) => o.candidateId));
  for (const c of input.candidates) {
    const outcomes = [
      placedIds.has(c.candidateId),
      reported.has(c.candidateId),
      keptIds.has(c.candidateId),
    ];
    expect(outcomes.filter(Boolean), `${c.candidateId} placed xor unplaced xor kept`).toHaveLength(
      1,
    );
  }
  for (const u of plan.unplaced)
    expect(['NO_EXAMINER', 'NO_ROOM', 'NO_ACCESSIBLE_ROOM', 'DAY_FULL']).toContain(u.reason);
  for (const id of placedIds) {
    const c = byCandidate.get(id);
    if (c === undefined) throw new Error(id);
    const orals = plan.placed
      .filter((o) => o.candidateId === id)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    expect(orals.map((o) => o.testCode).sort()).toEqual(c.tests.map((t) => t.code).sort());
    const [first, second] = orals;
    if (first === undefined || second === undefined) throw new Error('two orals');
    expect(second.preparationStartsAt.getTime() - first.endsAt.getTime()).toBeGreaterThanOrEqual(
      (input.minGapMinutes ?? 10) * MINUTE,
    );
    expect(second.preparationStartsAt.getTime() - first.endsAt.getTime()).toBeLessThanOrEqual(
      (input.maxGapMinutes ?? 120) * MINUTE,
    );
    for (const o of orals) {
      const test = c.tests.find((t) => t.code === o.testCode) as ExamTest;
      const timing = oralTimingOf(test, c.accommodation, input.oralDurations);
      expect(o.startsAt.getTime() - o.preparationStartsAt.getTime()).toBe(
        timing.preparationMinutes * MINUTE,
      );
      expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(timing.oralMinutes * MINUTE);
      expect(o.extraPreparationMinutes).toBe(timing.extraPreparationMinutes);
      const room = input.rooms.find((r) => r.name === o.room);
      expect(room).toBeDefined();
      if (c.accommodation?.accessibleRoomRequired === true) expect(room?.accessible).toBe(true);
      const e = input.examiners.find((x) => x.name === o.examiner);
      expect(e?.tests.some((t) => t.testCode === o.testCode)).toBe(true);
      expect(o.preparationStartsAt >= (e?.availableFrom ?? o.endsAt)).toBe(true);
      expect(o.endsAt <= (e?.availableUntil ?? o.startsAt)).toBe(true);
    }
  }
}

describe('planControlOrals (properties)', () => {
  it('never double-books, respects durations, gap, accessibility and hours, and accounts for everyone', () => {
    fc.assert(
      fc.property(instanceArb, (input) => {
        checkPlan(input, planControlOrals(input));
      }),
      { numRuns: 200 },
    );
  });

  it('re-running with issued convocations keeps them identical and places only newcomers', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 0, max: 25 }), (input, split) => {
        const early = { ...input, candidates: input.candidates.slice(0, split) };
        const first = planControlOrals(early);
        const issued: IssuedOral[] = first.placed.map((o) => ({ ...o }));
        const second = planControlOrals({ ...input, issued });
        const issuedIds = new Set(issued.map((o) => o.candidateId));
        expect(second.placed.some((o) => issuedIds.has(o.candidateId))).toBe(false);
        checkPlan(input, second, issued);
        // The issued convocations themselves are inputs, untouched.
        expect(issued).toEqual(first.placed.map((o) => ({ ...o })));
      }),
      { numRuns: 150 },
    );
  });

  it('leaves every candidate at least the minimum gap between their two slots, default or set', () => {
    fc.assert(
      fc.property(instanceArb, fc.boolean(), (input, useDefault) => {
        const { minGapMinutes, ...rest } = input;
        const planned = useDefault ? { ...rest, maxGapMinutes: 120 } : input;
        const gap = (useDefault ? 10 : (minGapMinutes ?? 10)) * MINUTE;
        const orals = planControlOrals(planned).placed;
        for (const a of orals)
          for (const b of orals) {
            if (a === b || a.candidateId !== b.candidateId || a.endsAt > b.preparationStartsAt)
              continue;
            expect(b.preparationStartsAt.getTime() - a.endsAt.getTime()).toBeGreaterThanOrEqual(
              gap,
            );
          }
      }),
      { numRuns: 200 },
    );
  });

  it('still places everyone when capacity allows, whatever the minimum gap', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pair: fc.constantFrom<[number, number]>([0, 1], [0, 2], [1, 2], [1, 0], [2, 0]),
            accommodation: accommodationArb,
          }),
          { maxLength: 10 },
        ),
        fc.integer({ min: 0, max: 30 }),
        (requests, minGapMinutes) => {
          // One examiner per test for the whole day, and rooms enough: at most
          // ten orals of at most 40 minutes each per examiner, in ten hours.
          const plan = planControlOrals({
            candidates: requests.map(({ pair, accommodation }, i) =>
              candidate(
                `c${i}`,
                [TESTS[pair[0]] as ExamTest, TESTS[pair[1]] as ExamTest],
                accommodation,
              ),
            ),
            examiners: [examiner('A', ['E1']), examiner('B', ['E2']), examiner('C', ['E3'])],
            rooms: [0, 1, 2].map((i) => ({ name: `Salle ${i}`, accessible: true })),
            minGapMinutes,
          });
          expect(plan.unplaced).toEqual([]);
          expect(plan.placed).toHaveLength(2 * requests.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(instanceArb, (input) => {
        expect(planControlOrals(input)).toEqual(planControlOrals(input));
      }),
      { numRuns: 50 },
    );
  });
});
