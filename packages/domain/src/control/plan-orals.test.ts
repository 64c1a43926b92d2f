import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MCO_STRUCTURE, SIO_STRUCTURE } from '../reference/exam-structures.ts';
import type { ExamTest } from '../marks/exam-structure.ts';
import { oralDurationOf } from './oral-duration.ts';
import { type OralRequest, planOrals } from './plan-orals.ts';

const test = (structure: typeof MCO_STRUCTURE, code: string): ExamTest => {
  const found = structure.tests.find((t) => t.code === code);
  if (found === undefined) throw new Error(code);
  return found;
};
const E1 = test(MCO_STRUCTURE, 'E1');
const E2 = test(MCO_STRUCTURE, 'E2');
const E3 = test(MCO_STRUCTURE, 'E3');
const MINUTE = 60_000;

describe('oralDurationOf', () => {
  it('gives 20 + 20 minutes, and 10 + 10 for a language test', () => {
    expect(oralDurationOf(E1)).toEqual({ preparationMinutes: 20, oralMinutes: 20 });
    expect(oralDurationOf(E2)).toEqual({ preparationMinutes: 10, oralMinutes: 10 });
    expect(oralDurationOf(test(SIO_STRUCTURE, 'E2'))).toEqual({
      preparationMinutes: 10,
      oralMinutes: 10,
    });
  });
});

describe('planOrals', () => {
  it('starts the first preparation at 8:00 Paris on the oral day, and chains the second oral after the first', () => {
    const plan = planOrals([{ candidateId: 'a', day: '2024-07-03', tests: [E1, E3] }]);
    expect(plan).toHaveLength(2);
    const [first, second] = plan;
    // 8:00 Paris in July is 06:00 UTC.
    expect(first?.preparationStartsAt.toISOString()).toBe('2024-07-03T06:00:00.000Z');
    expect(first?.startsAt.toISOString()).toBe('2024-07-03T06:20:00.000Z');
    expect(first?.endsAt.toISOString()).toBe('2024-07-03T06:40:00.000Z');
    expect(second?.preparationStartsAt.getTime()).toBe(first?.endsAt.getTime());
    expect(second?.endsAt.toISOString()).toBe('2024-07-03T07:20:00.000Z');
  });

  it('keeps issued convocations and plans nobody twice', () => {
    const first = planOrals([{ candidateId: 'a', day: '2024-07-03', tests: [E1, E3] }]);
    const again = planOrals(
      [
        { candidateId: 'a', day: '2024-07-03', tests: [E1, E3] },
        { candidateId: 'b', day: '2024-07-03', tests: [E1, E3] },
      ],
      { issued: first },
    );
    expect(again.map((o) => o.candidateId)).toEqual(['b', 'b']);
    for (const o of again) {
      for (const taken of first.filter((f) => f.testCode === o.testCode)) {
        expect(o.startsAt >= taken.endsAt || o.endsAt <= taken.startsAt).toBe(true);
      }
    }
  });

  it('never double-books an examiner nor overlaps a candidate’s two orals (property)', () => {
    const tests = [E1, E2, E3];
    const request = fc.record({
      day: fc.constantFrom('2024-07-03', '2024-07-04'),
      pair: fc.constantFrom([0, 1], [0, 2], [1, 2], [2, 0]),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 40 }), (raw) => {
        const requests: OralRequest[] = raw.map((r, i) => ({
          candidateId: `c${i}`,
          day: r.day,
          tests: [tests[r.pair[0]] as ExamTest, tests[r.pair[1]] as ExamTest],
        }));
        const plan = planOrals(requests);
        expect(plan).toHaveLength(requests.length * 2);
        for (const o of plan) {
          const d = oralDurationOf(tests.find((t) => t.code === o.testCode) as ExamTest);
          expect(o.startsAt.getTime() - o.preparationStartsAt.getTime()).toBe(
            d.preparationMinutes * MINUTE,
          );
          expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(d.oralMinutes * MINUTE);
        }
        for (let i = 0; i < plan.length; i++) {
          for (let j = i + 1; j < plan.length; j++) {
            const a = plan[i];
            const b = plan[j];
            if (a === undefined || b === undefined) continue;
            const overlap = (x0: Date, x1: Date, y0: Date, y1: Date) => x0 < y1 && y0 < x1;
            if (a.testCode === b.testCode)
              expect(overlap(a.startsAt, a.endsAt, b.startsAt, b.endsAt)).toBe(false);
            if (a.candidateId === b.candidateId) {
              expect(
                overlap(a.preparationStartsAt, a.endsAt, b.preparationStartsAt, b.endsAt),
              ).toBe(false);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
