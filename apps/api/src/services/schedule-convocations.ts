import {
  type ExamTest,
  academyByCode,
  choiceWindow,
  oralDayFor,
  planOrals,
  windowState,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  type ConvocationRecord,
  insertConvocations,
  listChoicesToSchedule,
  listIssuedForCandidates,
} from '../repositories/convocations.repository.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';

export type ScheduleOutcome =
  | {
      readonly kind: 'scheduled';
      readonly issued: number;
      readonly alreadyIssued: number;
      readonly pendingWindows: readonly string[];
    }
  | { readonly kind: 'unknownSession' }
  | { readonly kind: 'forbidden' };

/**
 * Issues the convocations of an académie's candidates: only for specialties
 * whose choice window has closed (choices are final), on the oral day the
 * calendar gives (specialty × académie of origin). Convocations already
 * issued are kept as they are, so a re-run after a late change moves no one.
 */
export async function scheduleConvocations(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: { readonly year: number; readonly academyCode: string },
): Promise<ScheduleOutcome> {
  const allowed =
    viewer.role === 'PILOT' ||
    (viewer.role === 'ACADEMY' && viewer.academyCode === input.academyCode);
  if (!allowed) return { kind: 'forbidden' };
  const reference = await loadSessionReference(db, input.year);
  if (reference === null) return { kind: 'unknownSession' };
  const academyName = academyByCode(input.academyCode)?.name ?? input.academyCode;

  return db.transaction().execute(async (trx) => {
    const at = clock.now();
    const issued = await listIssuedForCandidates(trx, input.year, input.academyCode);
    const choices = await listChoicesToSchedule(trx, input.year, input.academyCode);
    const pendingWindows = new Set<string>();
    const requests = [];
    for (const c of choices) {
      const specialty = reference.specialties.get(c.specialty_code);
      if (specialty === undefined) continue;
      if (windowState(choiceWindow(reference.calendar, c.specialty_code), at) !== 'CLOSED') {
        pendingWindows.add(c.specialty_code);
        continue;
      }
      const find = (code: string) =>
        specialty.structure.tests.find((t) => t.code === code) as ExamTest;
      requests.push({
        candidateId: c.id,
        day: oralDayFor(reference.calendar, c.specialty_code, input.academyCode),
        tests: [find(c.test_code_1), find(c.test_code_2)] as const,
      });
    }
    const plan = planOrals(requests, { issued });
    const convocations: ConvocationRecord[] = plan.map((o) => ({
      ...o,
      place: `Centre d'épreuves de l'académie de ${academyName} — salle ${o.testCode}`,
      issuedAt: at,
    }));
    await insertConvocations(trx, convocations);
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'CONVOCATIONS_SCHEDULED',
      after: { year: input.year, academyCode: input.academyCode, issued: convocations.length },
    });
    return {
      kind: 'scheduled',
      issued: convocations.length,
      alreadyIssued: issued.length,
      pendingWindows: [...pendingWindows].sort(),
    } as const;
  });
}
