import type { Academy, ExamSessionCalendar, ExamStructure, RuleSet } from '@rattrapage/domain';
import { blockColumns } from './skill-block-columns.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface SessionSpecialty {
  readonly code: string;
  readonly name: string;
  readonly pilotAcademyCode: string;
}

/** Académies are reference data shared by every session: added, never changed here. */
export async function ensureAcademies(
  db: Kysely<Database>,
  academies: readonly Academy[],
): Promise<void> {
  if (academies.length === 0) return;
  await db
    .insertInto('academies')
    .values(academies.map((a) => ({ code: a.code, name: a.name })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function sessionExists(db: Kysely<Database>, year: number): Promise<boolean> {
  return (
    (await db
      .selectFrom('exam_sessions')
      .select('year')
      .where('year', '=', year)
      .executeTakeFirst()) !== undefined
  );
}

/**
 * Writes a checked calendar (see the domain's buildCalendar): the session,
 * its publication batches, its specialties and the oral-day table. A rule
 * without an académie is the specialty's day for every académie without a
 * rule of its own, stored as it is.
 */
export async function insertSessionCalendar(
  db: Kysely<Database>,
  calendar: ExamSessionCalendar,
  specialties: readonly SessionSpecialty[],
  rules: RuleSet,
): Promise<void> {
  const year = calendar.year;
  await db
    .insertInto('exam_sessions')
    .values({
      year,
      second_group_results_at: calendar.secondGroupResultsAt,
      rules: JSON.stringify(rules),
    })
    .execute();
  await db
    .insertInto('publication_batches')
    .values(
      calendar.batches.map((b) => ({
        year,
        id: b.id,
        label: b.label,
        first_group_results_at: b.firstGroupResultsAt,
        choice_opens_at: b.choiceWindow.opensAt,
        choice_closes_at: b.choiceWindow.closesAt,
      })),
    )
    .execute();
  const batchOf = (code: string) => calendar.batches.find((b) => b.specialtyCodes.includes(code));
  await db
    .insertInto('specialties')
    .values(
      specialties.map((s) => ({
        year,
        code: s.code,
        name: s.name,
        pilot_academy_code: s.pilotAcademyCode,
        batch_id: batchOf(s.code)?.id ?? '',
      })),
    )
    .execute();
  if (calendar.oralDays.length > 0) {
    await db
      .insertInto('oral_days')
      .values(
        calendar.oralDays.map((rule) => ({
          year,
          specialty_code: rule.specialtyCode,
          academy_code: rule.originAcademyCode ?? null,
          day: rule.date,
        })),
      )
      .execute();
  }
}

/** Writes exam structures (tests, then their parts) for specialties of the session. */
export async function insertStructures(
  db: Kysely<Database>,
  year: number,
  structures: readonly ExamStructure[],
): Promise<void> {
  const tests = structures.flatMap((s) =>
    s.tests.map((t, index) => ({
      year,
      specialty_code: s.specialtyCode,
      code: t.code,
      name: t.name,
      coefficient_hundredths: t.coefficientHundredths,
      domain: t.domain,
      optional: t.optional,
      control_eligible: t.controlEligible,
      language: t.language === true,
      position: index + 1,
      ...blockColumns(s, t.code),
    })),
  );
  if (tests.length > 0) await db.insertInto('tests').values(tests).execute();
  const parts = structures.flatMap((s) =>
    s.tests.flatMap((t) =>
      t.parts.map((p, index) => ({
        year,
        specialty_code: s.specialtyCode,
        test_code: t.code,
        code: p.code,
        name: p.name,
        coefficient_hundredths: p.coefficientHundredths,
        position: index + 1,
        ...blockColumns(s, p.code),
      })),
    ),
  );
  if (parts.length > 0) await db.insertInto('test_parts').values(parts).execute();
}
