import { parisDateOf, parisWallTimeToInstant } from '../calendar/paris-time.ts';
import type { ExamTest } from '../marks/exam-structure.ts';
import { oralDurationOf } from './oral-duration.ts';

export interface OralRequest {
  readonly candidateId: string;
  /** Paris calendar day of the candidate's orals, from the calendar. */
  readonly day: string;
  readonly tests: readonly [ExamTest, ExamTest];
}

export interface PlannedOral {
  readonly candidateId: string;
  readonly testCode: string;
  readonly preparationStartsAt: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface OralPlanOptions {
  /** Paris wall-clock time the first preparation may start, "HH:mm". */
  readonly dayStartsAt?: string;
  /** Already issued convocations: kept as they are, and their slots stay taken. */
  readonly issued?: readonly PlannedOral[];
}

const MINUTE = 60_000;

/**
 * Lays out control orals: one examiner per test and day, orals back to back
 * on each examiner's track, each candidate's second oral (with its
 * preparation) starting after the first has ended. Candidates are placed in
 * the given order; for each, the order of their two tests that ends earlier
 * is kept. Deterministic, so a re-run with the same input gives the same plan.
 */
export function planOrals(
  requests: readonly OralRequest[],
  options: OralPlanOptions = {},
): PlannedOral[] {
  const dayStart = options.dayStartsAt ?? '08:00';
  const trackFree = new Map<string, number>();
  const take = (day: string, testCode: string) => trackFree.get(`${day}/${testCode}`);
  const issuedByCandidate = new Set<string>();
  for (const o of options.issued ?? []) {
    issuedByCandidate.add(o.candidateId);
    const key = `${parisDateOf(o.preparationStartsAt)}/${o.testCode}`;
    trackFree.set(key, Math.max(trackFree.get(key) ?? 0, o.endsAt.getTime()));
  }

  const plan: PlannedOral[] = [];
  for (const request of requests) {
    if (issuedByCandidate.has(request.candidateId)) continue;
    const start = parisWallTimeToInstant(`${request.day}T${dayStart}`).getTime();
    const place = (test: ExamTest, notBefore: number) => {
      const d = oralDurationOf(test);
      const oralStart = Math.max(
        take(request.day, test.code) ?? start,
        notBefore + d.preparationMinutes * MINUTE,
      );
      return {
        test,
        preparationStartsAt: oralStart - d.preparationMinutes * MINUTE,
        startsAt: oralStart,
        endsAt: oralStart + d.oralMinutes * MINUTE,
      };
    };
    const orders = [
      [request.tests[0], request.tests[1]],
      [request.tests[1], request.tests[0]],
    ] as const;
    let best: ReturnType<typeof place>[] | null = null;
    for (const [a, b] of orders) {
      const first = place(a, start);
      const second = place(b, first.endsAt);
      if (best === null || second.endsAt < (best[1] as ReturnType<typeof place>).endsAt)
        best = [first, second];
    }
    for (const slot of best ?? []) {
      trackFree.set(`${request.day}/${slot.test.code}`, slot.endsAt);
      plan.push({
        candidateId: request.candidateId,
        testCode: slot.test.code,
        preparationStartsAt: new Date(slot.preparationStartsAt),
        startsAt: new Date(slot.startsAt),
        endsAt: new Date(slot.endsAt),
      });
    }
  }
  return plan;
}
