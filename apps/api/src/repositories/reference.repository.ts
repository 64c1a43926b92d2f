import {
  type Academy,
  type ExamSessionCalendar,
  type ExamStructure,
  type ExamTest,
  type RuleSet,
  type SkillBlock,
  gatherSkillBlocks,
  ruleSetFrom,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface SpecialtyRecord {
  readonly year: number;
  readonly code: string;
  readonly name: string;
  readonly pilotAcademyCode: string;
  readonly batchId: string;
  readonly structure: ExamStructure;
}

/** One exam session's reference data, mapped to the domain's types. */
export interface SessionReference {
  readonly year: number;
  readonly calendar: ExamSessionCalendar;
  readonly policy: RuleSet;
  readonly specialties: ReadonlyMap<string, SpecialtyRecord>;
}

export async function listSessionYears(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('exam_sessions').select('year').orderBy('year').execute();
  return rows.map((r) => r.year);
}

export async function listAcademies(db: Kysely<Database>): Promise<Academy[]> {
  return db.selectFrom('academies').select(['code', 'name']).orderBy('code').execute();
}

/** The reference data's revision, bumped by triggers on every write (migration 2026112907). */
export async function readReferenceRevision(db: Kysely<Database>): Promise<bigint> {
  const row = await db
    .selectFrom('reference_revision')
    .select('revision')
    .executeTakeFirstOrThrow();
  return BigInt(row.revision);
}

export async function loadSessionReference(
  db: Kysely<Database>,
  year: number,
): Promise<SessionReference | null> {
  const session = await db
    .selectFrom('exam_sessions')
    .selectAll()
    .where('year', '=', year)
    .executeTakeFirst();
  if (session === undefined) return null;
  const [batches, specialties, tests, parts, oralDays] = await Promise.all([
    db
      .selectFrom('publication_batches')
      .selectAll()
      .where('year', '=', year)
      .orderBy('first_group_results_at')
      .execute(),
    db.selectFrom('specialties').selectAll().where('year', '=', year).orderBy('code').execute(),
    db.selectFrom('tests').selectAll().where('year', '=', year).orderBy('position').execute(),
    db.selectFrom('test_parts').selectAll().where('year', '=', year).orderBy('position').execute(),
    db.selectFrom('oral_days').selectAll().where('year', '=', year).execute(),
  ]);

  const partsByTest = new Map<string, ExamTest['parts'][number][]>();
  for (const p of parts) {
    const key = `${p.specialty_code}/${p.test_code}`;
    const list = partsByTest.get(key) ?? [];
    list.push({ code: p.code, name: p.name, coefficientHundredths: p.coefficient_hundredths });
    partsByTest.set(key, list);
  }
  const testsBySpecialty = new Map<string, ExamTest[]>();
  for (const t of tests) {
    const list = testsBySpecialty.get(t.specialty_code) ?? [];
    list.push({
      code: t.code,
      name: t.name,
      coefficientHundredths: t.coefficient_hundredths,
      domain: t.domain,
      optional: t.optional,
      controlEligible: t.control_eligible,
      language: t.language,
      parts: partsByTest.get(`${t.specialty_code}/${t.code}`) ?? [],
    });
    testsBySpecialty.set(t.specialty_code, list);
  }

  const calendar: ExamSessionCalendar = {
    year,
    secondGroupResultsAt: session.second_group_results_at,
    batches: batches.map((b) => ({
      id: b.id,
      label: b.label,
      firstGroupResultsAt: b.first_group_results_at,
      choiceWindow: { opensAt: b.choice_opens_at, closesAt: b.choice_closes_at },
      specialtyCodes: specialties.filter((s) => s.batch_id === b.id).map((s) => s.code),
    })),
    oralDays: oralDays.map((o) =>
      o.academy_code === null
        ? { specialtyCode: o.specialty_code, date: o.day }
        : { specialtyCode: o.specialty_code, originAcademyCode: o.academy_code, date: o.day },
    ),
  };

  return {
    year,
    calendar,
    policy: storedRules(year, session.rules),
    specialties: new Map(
      specialties.map((s) => [
        s.code,
        {
          year,
          code: s.code,
          name: s.name,
          pilotAcademyCode: s.pilot_academy_code,
          batchId: s.batch_id,
          structure: {
            specialtyCode: s.code,
            tests: testsBySpecialty.get(s.code) ?? [],
            blocks: blocksOf(s.code, tests, parts),
          },
        },
      ]),
    ),
  };
}

interface UnitRow {
  readonly specialty_code: string;
  readonly code: string;
  readonly block_code: string | null;
  readonly block_name: string | null;
}

/** A specialty's blocks from its units' rows: each test, then its parts, in structure order. */
function blocksOf(
  specialtyCode: string,
  tests: readonly (UnitRow & { readonly code: string })[],
  parts: readonly (UnitRow & { readonly test_code: string })[],
): readonly SkillBlock[] {
  const units = tests
    .filter((t) => t.specialty_code === specialtyCode)
    .flatMap((t) => [
      t,
      ...parts.filter((p) => p.specialty_code === specialtyCode && p.test_code === t.code),
    ]);
  return gatherSkillBlocks(
    units.flatMap((u) =>
      u.block_code === null || u.block_name === null
        ? []
        : [{ unit: u.code, block: u.block_code, blockName: u.block_name }],
    ),
  ).blocks;
}

/**
 * A stored rule set is checked again on the way out: a row changed by hand
 * must stop the session's computations, not change them silently.
 */
function storedRules(year: number, stored: unknown): RuleSet {
  const check = ruleSetFrom(stored);
  if (!check.ok)
    throw new Error(`session ${String(year)}: stored rules refused: ${check.problems.join(' ')}`);
  return check.rules;
}

export interface SchoolRecord {
  readonly uai: string;
  readonly name: string;
  readonly academyCode: string;
}

export async function findSchools(
  db: Kysely<Database>,
  uais: readonly string[],
): Promise<SchoolRecord[]> {
  if (uais.length === 0) return [];
  const rows = await db
    .selectFrom('schools')
    .select(['uai', 'name', 'academy_code'])
    .where('uai', 'in', uais)
    .execute();
  return rows.map((r) => ({ uai: r.uai, name: r.name, academyCode: r.academy_code }));
}
