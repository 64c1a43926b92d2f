import type {
  Accommodation,
  ExamCentreDeclaration,
  Examiner,
  IssuedOral,
  Room,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { anyId } from './any-id.ts';

/** The examiners an académie declared for a session, in name order (the planner's tie order). */
export async function listExaminers(
  db: Kysely<Database>,
  year: number,
  academyCode: string,
): Promise<Examiner[]> {
  const rows = await db
    .selectFrom('examiners')
    .selectAll()
    .where('year', '=', year)
    .where('academy_code', '=', academyCode)
    .orderBy('day')
    .orderBy('name')
    .execute();
  if (rows.length === 0) return [];
  const tests = await db
    .selectFrom('examiner_tests')
    .select(['examiner_id', 'specialty_code', 'test_code'])
    .where(
      'examiner_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('specialty_code')
    .orderBy('test_code')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    day: r.day,
    availableFrom: r.available_from,
    availableUntil: r.available_until,
    tests: tests
      .filter((t) => t.examiner_id === r.id)
      .map((t) => ({ specialtyCode: t.specialty_code, testCode: t.test_code })),
  }));
}

/** Replaces the académie's examiners for the session (idempotent: the same list twice is a no-op). */
export async function replaceExaminers(
  db: Kysely<Database>,
  year: number,
  academyCode: string,
  examiners: readonly Examiner[],
): Promise<void> {
  await db
    .deleteFrom('examiners')
    .where('year', '=', year)
    .where('academy_code', '=', academyCode)
    .execute();
  for (const e of examiners) {
    const { id } = await db
      .insertInto('examiners')
      .values({
        year,
        academy_code: academyCode,
        name: e.name,
        day: e.day,
        available_from: e.availableFrom,
        available_until: e.availableUntil,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (e.tests.length === 0) continue;
    await db
      .insertInto('examiner_tests')
      .values(
        e.tests.map((t) => ({
          examiner_id: id,
          year,
          specialty_code: t.specialtyCode,
          test_code: t.testCode,
        })),
      )
      .execute();
  }
}

export async function listRooms(
  db: Kysely<Database>,
  year: number,
  academyCode: string,
): Promise<Room[]> {
  const rows = await db
    .selectFrom('rooms')
    .select(['name', 'accessible'])
    .where('year', '=', year)
    .where('academy_code', '=', academyCode)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, accessible: r.accessible }));
}

/** Replaces the académie's rooms for the session (idempotent). */
export async function replaceRooms(
  db: Kysely<Database>,
  year: number,
  academyCode: string,
  rooms: readonly Room[],
): Promise<void> {
  await db
    .deleteFrom('rooms')
    .where('year', '=', year)
    .where('academy_code', '=', academyCode)
    .execute();
  if (rooms.length === 0) return;
  await db
    .insertInto('rooms')
    .values(
      rooms.map((r) => ({
        year,
        academy_code: academyCode,
        name: r.name,
        accessible: r.accessible,
      })),
    )
    .execute();
}

/**
 * The académie's exam centres for the session: rows (one per specialty and
 * day) grouped back into declarations, a centre per day with its
 * specialties, in day then name order.
 */
export async function listExamCentres(
  db: Kysely<Database>,
  year: number,
  academyCode: string,
): Promise<ExamCentreDeclaration[]> {
  const rows = await db
    .selectFrom('exam_centres')
    .select(['day', 'specialty_code', 'name', 'street', 'postcode', 'city'])
    .where('year', '=', year)
    .where('academy_code', '=', academyCode)
    .orderBy('day')
    .orderBy('name')
    .orderBy('specialty_code')
    .execute();
  const grouped = new Map<string, ExamCentreDeclaration>();
  for (const r of rows) {
    const centre = { name: r.name, street: r.street, postcode: r.postcode, city: r.city };
    const key = JSON.stringify([r.day, centre]);
    const existing = grouped.get(key);
    grouped.set(key, {
      day: r.day,
      specialtyCodes: [...(existing?.specialtyCodes ?? []), r.specialty_code],
      centre,
    });
  }
  return [...grouped.values()];
}

/** Replaces the académie's exam centres for the session (idempotent). */
export async function replaceExamCentres(
  db: Kysely<Database>,
  year: number,
  academyCode: string,
  declarations: readonly ExamCentreDeclaration[],
): Promise<void> {
  await db
    .deleteFrom('exam_centres')
    .where('year', '=', year)
    .where('academy_code', '=', academyCode)
    .execute();
  const rows = declarations.flatMap((d) =>
    d.specialtyCodes.map((specialtyCode) => ({
      year,
      academy_code: academyCode,
      day: d.day,
      specialty_code: specialtyCode,
      ...d.centre,
    })),
  );
  if (rows.length > 0) await db.insertInto('exam_centres').values(rows).execute();
}

export async function loadAccommodations(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, Accommodation>> {
  const result = new Map<string, Accommodation>();
  if (candidateIds.length === 0) return result;
  const rows = await db
    .selectFrom('candidate_accommodations')
    .selectAll()
    .where('candidate_id', '=', anyId(candidateIds))
    .execute();
  for (const r of rows) result.set(r.candidate_id, accommodationOf(r));
  return result;
}

/** An accommodation's row as the domain's: the one conversion of both readers. */
export function accommodationOf(r: {
  readonly extra_preparation_numerator: number;
  readonly extra_preparation_denominator: number;
  readonly accessible_room_required: boolean;
  readonly note: string | null;
}): Accommodation {
  return {
    extraPreparation:
      r.extra_preparation_numerator === 0
        ? null
        : {
            numerator: r.extra_preparation_numerator,
            denominator: r.extra_preparation_denominator,
          },
    accessibleRoomRequired: r.accessible_room_required,
    note: r.note,
  };
}

/** Sets (or, with null, removes) a candidate's accommodation. */
export async function storeAccommodation(
  db: Kysely<Database>,
  candidateId: string,
  accommodation: Accommodation | null,
): Promise<void> {
  if (accommodation === null) {
    await db
      .deleteFrom('candidate_accommodations')
      .where('candidate_id', '=', candidateId)
      .execute();
    return;
  }
  const values = {
    extra_preparation_numerator: accommodation.extraPreparation?.numerator ?? 0,
    extra_preparation_denominator: accommodation.extraPreparation?.denominator ?? 1,
    accessible_room_required: accommodation.accessibleRoomRequired,
    note: accommodation.note,
  };
  await db
    .insertInto('candidate_accommodations')
    .values({ candidate_id: candidateId, ...values })
    .onConflict((oc) => oc.column('candidate_id').doUpdateSet(values))
    .execute();
}

/** Convocations already issued to the académie's candidates of origin, as the planner sees them. */
export async function listIssuedOrals(
  db: Kysely<Database>,
  year: number,
  academyCode: string,
): Promise<IssuedOral[]> {
  const rows = await db
    .selectFrom('convocations as v')
    .innerJoin('candidates as c', 'c.id', 'v.candidate_id')
    .select([
      'v.candidate_id',
      'v.test_code',
      'v.preparation_starts_at',
      'v.starts_at',
      'v.ends_at',
      'v.examiner',
      'v.room',
    ])
    .where('c.year', '=', year)
    .where('c.origin_academy_code', '=', academyCode)
    .execute();
  return rows.map((r) => ({
    candidateId: r.candidate_id,
    testCode: r.test_code,
    preparationStartsAt: r.preparation_starts_at,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    examiner: r.examiner,
    room: r.room,
  }));
}
