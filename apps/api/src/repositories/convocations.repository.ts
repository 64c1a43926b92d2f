import type { ExamCentre } from '@rattrapage/domain';
import type { Kysely, Selectable } from 'kysely';
import type { ConvocationsTable, Database } from '../db/schema.ts';
import { anyId } from './any-id.ts';

export interface ConvocationRecord {
  readonly candidateId: string;
  readonly testCode: string;
  readonly preparationStartsAt: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly place: string;
  readonly issuedAt: Date;
  /** Set by the oral planner (migration 2026112903); absent on older records. */
  readonly room?: string | null;
  readonly examiner?: string | null;
  readonly extraPreparationMinutes?: number;
  readonly accommodation?: string | null;
  /** The exam centre at issue time (migration 2026120301); null when none was declared. */
  readonly centre?: ExamCentre | null;
}

function centreOf(r: {
  centre_name: string | null;
  centre_street: string | null;
  centre_postcode: string | null;
  centre_city: string | null;
}): ExamCentre | null {
  // The table's check keeps the four columns null together.
  if (r.centre_name === null) return null;
  return {
    name: r.centre_name,
    street: r.centre_street ?? '',
    postcode: r.centre_postcode ?? '',
    city: r.centre_city ?? '',
  };
}

export async function loadConvocations(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, ConvocationRecord[]>> {
  const result = new Map<string, ConvocationRecord[]>(candidateIds.map((id) => [id, []]));
  if (candidateIds.length === 0) return result;
  const rows = await db
    .selectFrom('convocations')
    .selectAll()
    .where('candidate_id', '=', anyId(candidateIds))
    .orderBy('starts_at')
    .execute();
  for (const r of rows) result.get(r.candidate_id)?.push(convocationOf(r));
  return result;
}

/** A convocation's row as its record: the one conversion of both readers. */
export function convocationOf(r: Selectable<ConvocationsTable>): ConvocationRecord {
  return {
    candidateId: r.candidate_id,
    testCode: r.test_code,
    preparationStartsAt: r.preparation_starts_at,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    issuedAt: r.issued_at,
    room: r.room,
    examiner: r.examiner,
    extraPreparationMinutes: r.extra_preparation_minutes,
    accommodation: r.accommodation,
    centre: centreOf(r),
  };
}

/**
 * Candidates of one origin with a choice that counts (allowed to the
 * control after the jury: the stored outcome), in number order, for planning.
 */
export async function listChoicesToSchedule(
  db: Kysely<Database>,
  year: number,
  academyCode: string,
) {
  return db
    .selectFrom('candidates as c')
    .innerJoin('control_choices as ch', 'ch.candidate_id', 'c.id')
    .select(['c.id', 'c.specialty_code', 'ch.test_code_1', 'ch.test_code_2'])
    .where('c.year', '=', year)
    .where('c.origin_academy_code', '=', academyCode)
    .where('c.first_group_outcome', '=', 'CONTROL_ALLOWED')
    .orderBy('c.number')
    .execute();
}

export async function insertConvocations(
  db: Kysely<Database>,
  convocations: readonly ConvocationRecord[],
): Promise<void> {
  for (let i = 0; i < convocations.length; i += 500) {
    await db
      .insertInto('convocations')
      .values(
        convocations.slice(i, i + 500).map((c) => ({
          candidate_id: c.candidateId,
          test_code: c.testCode,
          preparation_starts_at: c.preparationStartsAt,
          starts_at: c.startsAt,
          ends_at: c.endsAt,
          place: c.place,
          issued_at: c.issuedAt,
          room: c.room ?? null,
          examiner: c.examiner ?? null,
          extra_preparation_minutes: c.extraPreparationMinutes ?? 0,
          accommodation: c.accommodation ?? null,
          centre_name: c.centre?.name ?? null,
          centre_street: c.centre?.street ?? null,
          centre_postcode: c.centre?.postcode ?? null,
          centre_city: c.centre?.city ?? null,
        })),
      )
      .execute();
  }
}
