import {
  type Accommodation,
  DomainInputError,
  academyByCode,
  type ExamCentreDeclaration,
  type Examiner,
  type Room,
  examCentreProblems,
  examinerTimeOn,
  isValidExtraPreparation,
  planningInputProblems,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import { candidateScopeOf, type Viewer } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findCandidatesByIds } from '../repositories/candidates.repository.ts';
import {
  listExamCentres,
  listExaminers,
  listRooms,
  loadAccommodations,
  replaceExamCentres,
  replaceExaminers,
  replaceRooms,
  storeAccommodation,
} from '../repositories/planning.repository.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';

export type DeclareOutcome<T> =
  | { readonly kind: 'declared'; readonly value: T }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'unknownSession' }
  | { readonly kind: 'forbidden' };

export interface ExaminerDeclaration {
  readonly name: string;
  readonly day: string;
  /** Paris wall times of that day, "HH:mm". */
  readonly availableFrom: string;
  readonly availableUntil: string;
  readonly tests: readonly { readonly specialtyCode: string; readonly testCode: string }[];
}

/** The same rule as scheduling: an académie for itself, the pilot for any. */
function mayPlanFor(viewer: Viewer, academyCode: string): boolean {
  // An académie that does not exist has nothing to plan, even for the pilot.
  if (academyByCode(academyCode) === undefined) return false;
  return (
    viewer.role === 'PILOT' || (viewer.role === 'ACADEMY' && viewer.academyCode === academyCode)
  );
}

function toInstant(day: string, time: string, problems: string[]): Date | null {
  try {
    return examinerTimeOn(day, time);
  } catch (error) {
    if (error instanceof DomainInputError) {
      problems.push(error.message);
      return null;
    }
    throw error;
  }
}

/**
 * Replaces the examiners an académie declares for a session. Idempotent;
 * convocations already issued are not moved (they keep their examiner's name).
 */
export async function setExaminers(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: {
    readonly year: number;
    readonly academyCode: string;
    readonly examiners: readonly ExaminerDeclaration[];
  },
): Promise<DeclareOutcome<Examiner[]>> {
  if (!mayPlanFor(viewer, input.academyCode)) return { kind: 'forbidden' };
  const reference = await loadSessionReference(db, input.year);
  if (reference === null) return { kind: 'unknownSession' };
  const problems: string[] = [];
  const examiners: Examiner[] = [];
  for (const e of input.examiners) {
    const tests = new Set(e.tests.map((t) => `${t.specialtyCode} ${t.testCode}`));
    // examiner_tests holds each test once per examiner.
    if (tests.size !== e.tests.length)
      problems.push(`examinateur « ${e.name} » : une épreuve est déclarée deux fois`);
    for (const t of e.tests) {
      const specialty = reference.specialties.get(t.specialtyCode);
      if (specialty?.structure.tests.some((x) => x.code === t.testCode) !== true)
        problems.push(`épreuve inconnue : ${t.specialtyCode} ${t.testCode}`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.day)) {
      problems.push(`date mal formée : « ${e.day} »`);
      continue;
    }
    const from = toInstant(e.day, e.availableFrom, problems);
    const until = toInstant(e.day, e.availableUntil, problems);
    if (from === null || until === null) continue;
    examiners.push({
      name: e.name.trim(),
      day: e.day,
      availableFrom: from,
      availableUntil: until,
      tests: e.tests,
    });
  }
  problems.push(...planningInputProblems({ examiners, rooms: [] }));
  if (problems.length > 0) return { kind: 'invalid', problems };

  return replaceAudited(db, clock, viewer, {
    scope: { year: input.year, academyCode: input.academyCode },
    action: 'EXAMINERS_SET',
    key: 'examiners',
    list: (trx) => listExaminers(trx, input.year, input.academyCode),
    replace: (trx) => replaceExaminers(trx, input.year, input.academyCode, examiners),
  });
}

/** Replaces the rooms an académie declares for a session. Idempotent. */
export async function setRooms(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: { readonly year: number; readonly academyCode: string; readonly rooms: readonly Room[] },
): Promise<DeclareOutcome<Room[]>> {
  if (!mayPlanFor(viewer, input.academyCode)) return { kind: 'forbidden' };
  const reference = await loadSessionReference(db, input.year);
  if (reference === null) return { kind: 'unknownSession' };
  const rooms = input.rooms.map((r) => ({ name: r.name.trim(), accessible: r.accessible }));
  const problems = planningInputProblems({ examiners: [], rooms });
  if (problems.length > 0) return { kind: 'invalid', problems };

  return replaceAudited(db, clock, viewer, {
    scope: { year: input.year, academyCode: input.academyCode },
    action: 'ROOMS_SET',
    key: 'rooms',
    list: (trx) => listRooms(trx, input.year, input.academyCode),
    replace: (trx) => replaceRooms(trx, input.year, input.academyCode, rooms),
  });
}

/**
 * Replaces the exam centres an académie declares for a session: per day,
 * the establishment (name, address) of the orals of some specialties.
 * Idempotent; convocations already issued keep the centre they were issued
 * with.
 */
export async function setExamCentres(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: {
    readonly year: number;
    readonly academyCode: string;
    readonly centres: readonly ExamCentreDeclaration[];
  },
): Promise<DeclareOutcome<ExamCentreDeclaration[]>> {
  if (!mayPlanFor(viewer, input.academyCode)) return { kind: 'forbidden' };
  const reference = await loadSessionReference(db, input.year);
  if (reference === null) return { kind: 'unknownSession' };
  const centres = input.centres.map((d) => ({
    day: d.day,
    specialtyCodes: d.specialtyCodes,
    centre: {
      name: d.centre.name.trim(),
      street: d.centre.street.trim(),
      postcode: d.centre.postcode.trim(),
      city: d.centre.city.trim(),
    },
  }));
  const problems = examCentreProblems(centres);
  for (const code of new Set(centres.flatMap((d) => d.specialtyCodes)))
    if (!reference.specialties.has(code)) problems.push(`spécialité inconnue : ${code}`);
  if (problems.length > 0) return { kind: 'invalid', problems };

  return replaceAudited(db, clock, viewer, {
    scope: { year: input.year, academyCode: input.academyCode },
    action: 'EXAM_CENTRES_SET',
    key: 'centres',
    list: (trx) => listExamCentres(trx, input.year, input.academyCode),
    replace: (trx) => replaceExamCentres(trx, input.year, input.academyCode, centres),
  });
}

/**
 * Replaces an académie's whole list of a resource in one transaction, with
 * an audit entry holding the list before and after.
 */
async function replaceAudited<T>(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  change: {
    readonly scope: { readonly year: number; readonly academyCode: string };
    readonly action: 'EXAMINERS_SET' | 'ROOMS_SET' | 'EXAM_CENTRES_SET';
    readonly key: 'examiners' | 'rooms' | 'centres';
    readonly list: (trx: Kysely<Database>) => Promise<T>;
    readonly replace: (trx: Kysely<Database>) => Promise<void>;
  },
): Promise<DeclareOutcome<T>> {
  return db.transaction().execute(async (trx) => {
    const before = await change.list(trx);
    await change.replace(trx);
    const after = await change.list(trx);
    await appendAudit(trx, {
      at: clock.now(),
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: change.action,
      before: { ...change.scope, [change.key]: before },
      after: { ...change.scope, [change.key]: after },
    });
    return { kind: 'declared', value: after } as const;
  });
}

/**
 * Sets (null: removes) a candidate's exam accommodation. ACADEMY for its
 * candidates of origin, PILOT for all (the scope, in SQL); a candidate out
 * of scope is indistinguishable from one that does not exist.
 */
export async function setAccommodation(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: { readonly candidateId: string; readonly accommodation: Accommodation | null },
): Promise<DeclareOutcome<Accommodation | null>> {
  if (viewer.role !== 'ACADEMY' && viewer.role !== 'PILOT') return { kind: 'forbidden' };
  const [candidate] = await findCandidatesByIds(db, [input.candidateId], candidateScopeOf(viewer));
  if (candidate === undefined) return { kind: 'forbidden' };
  const a = input.accommodation;
  const problems: string[] = [];
  if (a?.extraPreparation != null && !isValidExtraPreparation(a.extraPreparation))
    problems.push(
      `majoration invalide : ${a.extraPreparation.numerator}/${a.extraPreparation.denominator} (fraction entre 0 et 1)`,
    );
  if (problems.length > 0) return { kind: 'invalid', problems };
  const accommodation: Accommodation | null =
    a === null
      ? null
      : {
          extraPreparation:
            a.extraPreparation === null || a.extraPreparation.numerator === 0
              ? null
              : a.extraPreparation,
          accessibleRoomRequired: a.accessibleRoomRequired,
          note: a.note === null || a.note.trim() === '' ? null : a.note.trim(),
        };

  return db.transaction().execute(async (trx) => {
    const before = (await loadAccommodations(trx, [input.candidateId])).get(input.candidateId);
    await storeAccommodation(trx, input.candidateId, accommodation);
    await appendAudit(trx, {
      at: clock.now(),
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'ACCOMMODATION_SET',
      candidateId: input.candidateId,
      before: before ?? null,
      after: accommodation,
    });
    return { kind: 'declared', value: accommodation } as const;
  });
}
