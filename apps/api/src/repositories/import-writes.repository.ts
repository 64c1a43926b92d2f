import type { ControlMarkReading, ExamStructure } from '@rattrapage/domain';
import { blockColumns } from './skill-block-columns.ts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Upserts of imported rows. Each counts what it inserted and updated; a row
 * whose values are already stored is left alone (`where … is distinct
 * from`), so importing a file twice changes nothing the second time.
 * `xmax = 0` tells an inserted row from an updated one in RETURNING.
 */
export interface WriteCounts {
  inserted: number;
  updated: number;
}

const BATCH = 1000;

function batches<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += BATCH) out.push(values.slice(i, i + BATCH));
  return out;
}

const insertedFlag = sql<boolean>`(xmax = 0)`.as('inserted');

function tally(counts: WriteCounts, rows: readonly { inserted: boolean }[]): void {
  for (const r of rows) {
    if (r.inserted) counts.inserted += 1;
    else counts.updated += 1;
  }
}

export interface SchoolWrite {
  readonly uai: string;
  readonly name: string;
  readonly academyCode: string;
}

export async function upsertSchools(
  db: Kysely<Database>,
  schools: readonly SchoolWrite[],
): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0 };
  for (const batch of batches(schools)) {
    const rows = await db
      .insertInto('schools')
      .values(batch.map((s) => ({ uai: s.uai, name: s.name, academy_code: s.academyCode })))
      .onConflict((oc) =>
        oc
          .column('uai')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            academy_code: eb.ref('excluded.academy_code'),
          }))
          .where(
            sql<boolean>`(schools.name, schools.academy_code) is distinct from (excluded.name, excluded.academy_code)`,
          ),
      )
      .returning(insertedFlag)
      .execute();
    tally(counts, rows);
  }
  return counts;
}

/**
 * Creates the CANDIDATE accounts of candidates who have none (identifier =
 * candidate number). Returns the identifiers actually created: only their
 * initial passwords are valid.
 */
export async function createCandidateAccounts(
  db: Kysely<Database>,
  year: number,
  accounts: readonly { readonly number: string; readonly passwordHash: string }[],
): Promise<Set<string>> {
  const created = new Set<string>();
  for (const batch of batches(accounts)) {
    const ids = await db
      .selectFrom('candidates')
      .select(['id', 'number'])
      .where('year', '=', year)
      .where(
        'number',
        'in',
        batch.map((a) => a.number),
      )
      .execute();
    const idOf = new Map(ids.map((r) => [r.number, r.id]));
    const values = batch.flatMap((a) => {
      const id = idOf.get(a.number);
      return id === undefined
        ? []
        : [
            {
              identifier: a.number,
              password_hash: a.passwordHash,
              role: 'CANDIDATE' as const,
              candidate_id: id,
              // The initial password was printed on a sheet: changed at first log-in.
              must_change_password: true,
            },
          ];
    });
    if (values.length === 0) continue;
    // A number already taken as an identifier, or a candidate who already
    // has an account, keeps what it has.
    const rows = await db
      .insertInto('accounts')
      .values(values)
      .onConflict((oc) => oc.doNothing())
      .returning('identifier')
      .execute();
    for (const r of rows) created.add(r.identifier);
  }
  return created;
}

/** Upserts a specialty's tests and parts, in the file's order (positions from 1). */
export async function upsertStructure(
  db: Kysely<Database>,
  year: number,
  structure: ExamStructure,
): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0 };
  const tests = structure.tests.map((t, i) => ({
    year,
    specialty_code: structure.specialtyCode,
    code: t.code,
    name: t.name,
    coefficient_hundredths: t.coefficientHundredths,
    domain: t.domain,
    optional: t.optional,
    control_eligible: t.controlEligible,
    language: t.language ?? false,
    position: i + 1,
    ...blockColumns(structure, t.code),
  }));
  if (tests.length > 0) {
    const rows = await db
      .insertInto('tests')
      .values(tests)
      .onConflict((oc) =>
        oc
          .columns(['year', 'specialty_code', 'code'])
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            coefficient_hundredths: eb.ref('excluded.coefficient_hundredths'),
            domain: eb.ref('excluded.domain'),
            optional: eb.ref('excluded.optional'),
            control_eligible: eb.ref('excluded.control_eligible'),
            language: eb.ref('excluded.language'),
            position: eb.ref('excluded.position'),
            block_code: eb.ref('excluded.block_code'),
            block_name: eb.ref('excluded.block_name'),
          }))
          .where(
            sql<boolean>`(tests.name, tests.coefficient_hundredths, tests.domain, tests.optional, tests.control_eligible, tests.language, tests.position, tests.block_code, tests.block_name)
              is distinct from (excluded.name, excluded.coefficient_hundredths, excluded.domain, excluded.optional, excluded.control_eligible, excluded.language, excluded.position, excluded.block_code, excluded.block_name)`,
          ),
      )
      .returning(insertedFlag)
      .execute();
    tally(counts, rows);
  }
  const parts = structure.tests.flatMap((t) =>
    t.parts.map((p, i) => ({
      year,
      specialty_code: structure.specialtyCode,
      test_code: t.code,
      code: p.code,
      name: p.name,
      coefficient_hundredths: p.coefficientHundredths,
      position: i + 1,
      ...blockColumns(structure, p.code),
    })),
  );
  if (parts.length > 0) {
    const rows = await db
      .insertInto('test_parts')
      .values(parts)
      .onConflict((oc) =>
        oc
          .columns(['year', 'specialty_code', 'code'])
          .doUpdateSet((eb) => ({
            test_code: eb.ref('excluded.test_code'),
            name: eb.ref('excluded.name'),
            coefficient_hundredths: eb.ref('excluded.coefficient_hundredths'),
            position: eb.ref('excluded.position'),
            block_code: eb.ref('excluded.block_code'),
            block_name: eb.ref('excluded.block_name'),
          }))
          .where(
            sql<boolean>`(test_parts.test_code, test_parts.name, test_parts.coefficient_hundredths, test_parts.position, test_parts.block_code, test_parts.block_name)
              is distinct from (excluded.test_code, excluded.name, excluded.coefficient_hundredths, excluded.position, excluded.block_code, excluded.block_name)`,
          ),
      )
      .returning(insertedFlag)
      .execute();
    tally(counts, rows);
  }
  return counts;
}

export interface ControlMarkWrite {
  readonly candidateId: string;
  readonly testCode: string;
  readonly entry: ControlMarkReading;
}

export async function upsertControlMarks(
  db: Kysely<Database>,
  marks: readonly ControlMarkWrite[],
  recordedBy: string,
  at: Date,
): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0 };
  for (const batch of batches(marks)) {
    const rows = await db
      .insertInto('control_marks')
      .values(
        batch.map((m) => ({
          candidate_id: m.candidateId,
          test_code: m.testCode,
          status: m.entry.status,
          hundredths: m.entry.status === 'MARK' ? m.entry.hundredths : null,
          recorded_at: at,
          recorded_by_account_id: recordedBy,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['candidate_id', 'test_code'])
          .doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            hundredths: eb.ref('excluded.hundredths'),
            recorded_at: eb.ref('excluded.recorded_at'),
            recorded_by_account_id: eb.ref('excluded.recorded_by_account_id'),
          }))
          .where(
            sql<boolean>`(control_marks.status, control_marks.hundredths) is distinct from (excluded.status, excluded.hundredths)`,
          ),
      )
      .returning(insertedFlag)
      .execute();
    tally(counts, rows);
  }
  return counts;
}
