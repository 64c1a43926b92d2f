import type { ExamSessionCalendar, FirstGroupOutcome } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Takes the session's row lock until the transaction ends, so that two
 * amendments of one session are decided one after the other, each on the
 * calendar the other left. False when there is no such session.
 */
export async function lockSession(db: Kysely<Database>, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('exam_sessions')
    .select('year')
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes a session's instants and oral days as an amended calendar has them. */
export async function writeCalendarTimes(
  db: Kysely<Database>,
  calendar: ExamSessionCalendar,
): Promise<void> {
  const year = calendar.year;
  await db
    .updateTable('exam_sessions')
    .set({ second_group_results_at: calendar.secondGroupResultsAt })
    .where('year', '=', year)
    .execute();
  for (const b of calendar.batches)
    await db
      .updateTable('publication_batches')
      .set({
        first_group_results_at: b.firstGroupResultsAt,
        choice_opens_at: b.choiceWindow.opensAt,
        choice_closes_at: b.choiceWindow.closesAt,
      })
      .where('year', '=', year)
      .where('id', '=', b.id)
      .execute();
  for (const rule of calendar.oralDays)
    await db
      .updateTable('oral_days')
      .set({ day: rule.date })
      .where('year', '=', year)
      .where('specialty_code', '=', rule.specialtyCode)
      .where((eb) =>
        rule.originAcademyCode === undefined
          ? eb('academy_code', 'is', null)
          : eb('academy_code', '=', rule.originAcademyCode),
      )
      .where('day', '<>', rule.date)
      .execute();
}

/** A candidate with an address, as an amendment's notice needs them. */
export interface AmendmentAddresseeRow {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly specialtyCode: string;
  readonly originAcademyCode: string;
  readonly email: string;
  readonly computedOutcome: FirstGroupOutcome | null;
  readonly juryOutcome: FirstGroupOutcome | null;
}

/** The session's candidates with an address, of some specialties or all, in number order. */
export async function listAmendmentAddressees(
  db: Kysely<Database>,
  year: number,
  specialtyCodes: readonly string[] | 'ALL',
): Promise<AmendmentAddresseeRow[]> {
  if (specialtyCodes !== 'ALL' && specialtyCodes.length === 0) return [];
  let query = db
    .selectFrom('candidates as c')
    .leftJoin('jury_decisions as j', (join) =>
      join.onRef('j.candidate_id', '=', 'c.id').on('j.stage', '=', 'FIRST_GROUP'),
    )
    .select([
      'c.id',
      'c.first_name',
      'c.last_name',
      'c.specialty_code',
      'c.origin_academy_code',
      'c.email',
      'c.first_group_outcome',
      'j.outcome as jury_outcome',
    ])
    .where('c.year', '=', year)
    .where('c.email', 'is not', null)
    .orderBy('c.number');
  if (specialtyCodes !== 'ALL') query = query.where('c.specialty_code', 'in', specialtyCodes);
  const rows = await query.execute();
  return rows.flatMap((r) =>
    r.email === null
      ? []
      : [
          {
            id: r.id,
            firstName: r.first_name,
            lastName: r.last_name,
            specialtyCode: r.specialty_code,
            originAcademyCode: r.origin_academy_code,
            email: r.email,
            computedOutcome: r.first_group_outcome,
            juryOutcome: r.jury_outcome,
          },
        ],
  );
}

/** The session's candidates of these specialties who hold a convocation. */
export async function listConvokedCandidates(
  db: Kysely<Database>,
  year: number,
  specialtyCodes: readonly string[] | 'ALL',
): Promise<{ readonly specialtyCode: string; readonly originAcademyCode: string }[]> {
  if (specialtyCodes !== 'ALL' && specialtyCodes.length === 0) return [];
  let query = db
    .selectFrom('candidates as c')
    .select(['c.specialty_code', 'c.origin_academy_code'])
    .where('c.year', '=', year)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('convocations as v')
          .select('v.candidate_id')
          .whereRef('v.candidate_id', '=', 'c.id'),
      ),
    );
  if (specialtyCodes !== 'ALL') query = query.where('c.specialty_code', 'in', specialtyCodes);
  const rows = await query.execute();
  return rows.map((r) => ({
    specialtyCode: r.specialty_code,
    originAcademyCode: r.origin_academy_code,
  }));
}
