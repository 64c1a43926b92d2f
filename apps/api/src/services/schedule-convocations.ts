import {
  type CandidateToPlan,
  type ExamTest,
  type Examiner,
  type Room,
  type UnplacedCandidate,
  academyByCode,
  academyOfName,
  choiceWindow,
  describeAccommodation,
  examCentreFor,
  examinerTimeOn,
  oralDayFor,
  placeText,
  planControlOrals,
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
} from '../repositories/convocations.repository.ts';
import {
  listExamCentres,
  listExaminers,
  listIssuedOrals,
  listRooms,
  loadAccommodations,
} from '../repositories/planning.repository.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';
import { enqueueConvocationNotices } from '../notifications/enqueue-convocation-notices.ts';

export type ScheduleOutcome =
  | {
      readonly kind: 'scheduled';
      readonly issued: number;
      readonly alreadyIssued: number;
      readonly pendingWindows: readonly string[];
      readonly unplaced: readonly UnplacedCandidate[];
    }
  | { readonly kind: 'unknownSession' }
  | { readonly kind: 'forbidden' };

/** When an académie has declared no examiner: its orals start at 8:00, as before the planner. */
const FALLBACK_DAY_START = '08:00';

/**
 * An académie without declared examiners keeps the behaviour from before
 * the planner: one virtual examiner per test and day, in a room of their
 * own (« salle E1 »), from 8:00 until the day ends.
 */
function virtualResources(requests: readonly CandidateToPlan[]): {
  examiners: Examiner[];
  rooms: Room[];
} {
  const examiners = new Map<string, Examiner>();
  const rooms = new Map<string, Room>();
  for (const r of requests) {
    for (const test of r.tests) {
      const room = `salle ${test.code}`;
      rooms.set(room, { name: room, accessible: true });
      const key = `${r.day}/${test.code}`;
      const existing = examiners.get(key);
      const examined = { specialtyCode: r.specialtyCode, testCode: test.code };
      examiners.set(key, {
        name: `examinateur ${test.code}`,
        day: r.day,
        availableFrom: examinerTimeOn(r.day, FALLBACK_DAY_START),
        availableUntil: examinerTimeOn(r.day, '24:00'),
        tests: [...(existing?.tests ?? []), examined],
        room,
      });
    }
  }
  return { examiners: [...examiners.values()], rooms: [...rooms.values()] };
}

/**
 * Issues the convocations of an académie's candidates: only for specialties
 * whose choice window has closed (choices are final), on the oral day the
 * calendar gives (specialty × académie of origin), with the académie's
 * examiners and rooms and each candidate's accommodation (the domain's
 * `planControlOrals`). Convocations already issued are kept as they are, so
 * a re-run after a late change moves no one; candidates who cannot be placed
 * are returned with the reason.
 */
export async function scheduleConvocations(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: {
    readonly year: number;
    readonly academyCode: string;
    readonly maxGapMinutes?: number;
    readonly minGapMinutes?: number;
  },
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
    const issued = await listIssuedOrals(trx, input.year, input.academyCode);
    const choices = await listChoicesToSchedule(trx, input.year, input.academyCode);
    const accommodations = await loadAccommodations(
      trx,
      choices.map((c) => c.id),
    );
    const pendingWindows = new Set<string>();
    const requests: CandidateToPlan[] = [];
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
        specialtyCode: c.specialty_code,
        day: oralDayFor(reference.calendar, c.specialty_code, input.academyCode),
        tests: [find(c.test_code_1), find(c.test_code_2)] as const,
        accommodation: accommodations.get(c.id) ?? null,
      });
    }

    const declared = await listExaminers(trx, input.year, input.academyCode);
    const virtual = declared.length === 0;
    const resources = virtual
      ? virtualResources(requests)
      : { examiners: declared, rooms: await listRooms(trx, input.year, input.academyCode) };
    const plan = planControlOrals({
      candidates: requests,
      ...resources,
      issued,
      ...(input.maxGapMinutes === undefined ? {} : { maxGapMinutes: input.maxGapMinutes }),
      ...(input.minGapMinutes === undefined ? {} : { minGapMinutes: input.minGapMinutes }),
      oralDurations: reference.policy.oralDurations,
    });

    const centres = await listExamCentres(trx, input.year, input.academyCode);
    const requestOf = new Map(requests.map((r) => [r.candidateId, r]));
    const convocations: ConvocationRecord[] = plan.placed.map((o) => {
      const request = requestOf.get(o.candidateId);
      const centre =
        request === undefined ? null : examCentreFor(centres, request.day, request.specialtyCode);
      return {
        candidateId: o.candidateId,
        testCode: o.testCode,
        preparationStartsAt: o.preparationStartsAt,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        place:
          centre !== null
            ? placeText(centre, o.room)
            : virtual
              ? `Centre d’épreuves de l’${academyOfName(academyName)} — ${o.room}`
              : o.room,
        centre,
        issuedAt: at,
        room: o.room,
        examiner: o.examiner,
        extraPreparationMinutes: o.extraPreparationMinutes,
        accommodation: describeAccommodation(
          accommodations.get(o.candidateId) ?? null,
          o.extraPreparationMinutes,
        ),
      };
    });
    await insertConvocations(trx, convocations);
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'CONVOCATIONS_SCHEDULED',
      after: {
        year: input.year,
        academyCode: input.academyCode,
        issued: convocations.length,
        unplaced: plan.unplaced.map((u) => ({ ...u })),
      },
    });
    await enqueueConvocationNotices(trx, reference, convocations, at);
    return {
      kind: 'scheduled',
      issued: convocations.length,
      alreadyIssued: issued.length,
      pendingWindows: [...pendingWindows].sort(),
      unplaced: plan.unplaced,
    } as const;
  });
}
