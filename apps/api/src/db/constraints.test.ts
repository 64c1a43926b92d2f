import { randomBytes } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../../test/support/test-database.ts';
import { SQLSTATE, databaseErrorOf } from './database-error.ts';
import { jsonText } from './json-text.ts';
import type { Database } from './schema.ts';

/** Thrown to roll back an attempt that the database accepted. */
class Accepted extends Error {}

/**
 * Runs `attempt` in a transaction that never commits, so that every case
 * starts from the same fixture; returns the database's error, if any.
 */
async function attemptIn(
  db: Kysely<Database>,
  attempt: (trx: Transaction<Database>) => Promise<unknown>,
): Promise<unknown> {
  try {
    await db.transaction().execute(async (trx) => {
      await attempt(trx);
      throw new Accepted();
    });
  } catch (error) {
    if (error instanceof Accepted) return undefined;
    return error;
  }
  return undefined;
}

const sha256Sized = (): Buffer => randomBytes(32);

/** One specialty, two schools' worth of candidates, accounts and a choice: just enough to break. */
async function insertFixture(db: Kysely<Database>) {
  await db
    .insertInto('academies')
    .values([
      { code: '19', name: 'Reims' },
      { code: '12', name: 'Nancy-Metz' },
    ])
    .execute();
  await db
    .insertInto('exam_sessions')
    .values({ year: 2024, second_group_results_at: '2024-07-10T14:30:00Z', rules: '{}' })
    .execute();
  await db
    .insertInto('publication_batches')
    .values({
      year: 2024,
      id: 'A',
      label: 'Lot A',
      first_group_results_at: '2024-06-28T08:00:00Z',
      choice_opens_at: '2024-06-28T08:00:00Z',
      choice_closes_at: '2024-07-01T08:00:00Z',
    })
    .execute();
  await db
    .insertInto('specialties')
    .values({
      year: 2024,
      code: 'MCO',
      name: 'Management commercial opérationnel',
      pilot_academy_code: '19',
      batch_id: 'A',
    })
    .execute();
  const test = { year: 2024, specialty_code: 'MCO', optional: false } as const;
  await db
    .insertInto('tests')
    .values([
      {
        ...test,
        code: 'E1',
        name: 'Culture générale',
        coefficient_hundredths: 300,
        domain: 'GENERAL',
        control_eligible: true,
        position: 1,
      },
      {
        ...test,
        code: 'E2',
        name: 'Langue vivante',
        coefficient_hundredths: 300,
        domain: 'GENERAL',
        control_eligible: true,
        position: 2,
      },
      {
        ...test,
        code: 'E3',
        name: 'CEJM',
        coefficient_hundredths: 300,
        domain: 'GENERAL',
        control_eligible: true,
        position: 3,
      },
      {
        ...test,
        code: 'E4',
        name: 'Relation client',
        coefficient_hundredths: 600,
        domain: 'PROFESSIONAL',
        control_eligible: false,
        position: 4,
      },
    ])
    .execute();
  await db
    .insertInto('test_parts')
    .values({
      year: 2024,
      specialty_code: 'MCO',
      test_code: 'E2',
      code: 'E21',
      name: 'Écrit',
      coefficient_hundredths: 150,
      position: 1,
    })
    .execute();
  await db
    .insertInto('oral_days')
    .values({ year: 2024, specialty_code: 'MCO', academy_code: null, day: '2024-07-03' })
    .execute();
  await db
    .insertInto('schools')
    .values({ uai: '0519001A', name: 'Lycée de démonstration', academy_code: '19' })
    .execute();

  const candidate = {
    year: 2024,
    specialty_code: 'MCO',
    origin_academy_code: '19',
    first_name: 'Camille',
    email: null,
  };
  const schooled = await db
    .insertInto('candidates')
    .values({
      ...candidate,
      number: '02419000001',
      last_name: 'Scolaire',
      individual: false,
      school_uai: '0519001A',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const individual = await db
    .insertInto('candidates')
    .values({
      ...candidate,
      number: '02419000002',
      last_name: 'Individuel',
      individual: true,
      school_uai: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('first_group_marks')
    .values({ candidate_id: schooled.id, code: 'E1', status: 'MARK', hundredths: 850 })
    .execute();

  const account = { password_hash: 'x', candidate_id: null, school_uai: null, academy_code: null };
  const ids = await db
    .insertInto('accounts')
    .values([
      { ...account, identifier: 'candidat', role: 'CANDIDATE', candidate_id: schooled.id },
      { ...account, identifier: 'individuel', role: 'CANDIDATE', candidate_id: individual.id },
      { ...account, identifier: 'etablissement', role: 'SCHOOL', school_uai: '0519001A' },
      { ...account, identifier: 'academie', role: 'ACADEMY', academy_code: '12' },
      { ...account, identifier: 'pilote', role: 'PILOT', academy_code: '19' },
    ])
    .returning(['id', 'identifier'])
    .execute();
  const accountId = (identifier: string): string => {
    const found = ids.find((a) => a.identifier === identifier);
    if (found === undefined) throw new Error(`no account ${identifier}`);
    return found.id;
  };
  await db
    .insertInto('api_tokens')
    .values({
      token_hash: sha256Sized(),
      account_id: accountId('academie'),
      account_role: 'ACADEMY',
      label: 'Programme',
    })
    .execute();
  await db
    .insertInto('control_choices')
    .values({
      candidate_id: schooled.id,
      individual: false,
      test_code_1: 'E1',
      test_code_2: 'E3',
      channel: 'SCHOOL',
      entered_at: '2024-06-29T10:00:00Z',
      entered_by_account_id: accountId('etablissement'),
    })
    .execute();
  await db
    .insertInto('control_marks')
    .values({
      candidate_id: schooled.id,
      test_code: 'E1',
      status: 'MARK',
      hundredths: 1200,
      recorded_by_account_id: accountId('pilote'),
    })
    .execute();
  await db
    .insertInto('audit_log')
    .values({
      action: 'CHOOSE_CONTROL_TESTS',
      candidate_id: schooled.id,
      after: jsonText({ tests: ['E1', 'E3'] }),
    })
    .execute();
  return { schooledId: schooled.id, individualId: individual.id, accountId };
}

type Fixture = Awaited<ReturnType<typeof insertFixture>>;

interface Case {
  name: string;
  attempt: (trx: Transaction<Database>, f: Fixture) => Promise<unknown>;
  /** The violated constraint's name, or the SQLSTATE when none is named. */
  rejectedBy: { constraint: string } | { code: string };
}

const choice = (f: Fixture) =>
  ({
    candidate_id: f.individualId,
    individual: true,
    test_code_1: 'E1',
    test_code_2: 'E2',
    channel: 'CANDIDATE_SPACE',
    entered_at: '2024-06-29T10:00:00Z',
    entered_by_account_id: f.accountId('individuel'),
  }) as const;

const CASES: Case[] = [
  {
    name: 'an académie code that is not two digits',
    attempt: (trx) => trx.insertInto('academies').values({ code: '1', name: 'Paris' }).execute(),
    rejectedBy: { constraint: 'academies_code_format' },
  },
  {
    name: 'a rule set that is not an object',
    attempt: (trx) =>
      trx
        .insertInto('exam_sessions')
        .values({
          year: 2025,
          second_group_results_at: '2025-07-10T14:30:00Z',
          rules: '[10, 8]',
        })
        .execute(),
    rejectedBy: { constraint: 'exam_sessions_rules_object' },
  },
  {
    name: 'a session without its rule set',
    attempt: (trx) =>
      trx
        .insertInto('exam_sessions')
        .values({
          year: 2025,
          second_group_results_at: '2025-07-10T14:30:00Z',
          rules: null as unknown as string,
        })
        .execute(),
    rejectedBy: { code: SQLSTATE.NOT_NULL_VIOLATION },
  },
  {
    name: 'a choice window that closes before it opens',
    attempt: (trx) =>
      trx
        .insertInto('publication_batches')
        .values({
          year: 2024,
          id: 'B',
          label: 'Lot B',
          first_group_results_at: '2024-07-01T17:00:00Z',
          choice_opens_at: '2024-07-01T17:00:00Z',
          choice_closes_at: '2024-07-01T17:00:00Z',
        })
        .execute(),
    rejectedBy: { constraint: 'publication_batches_window_order' },
  },
  {
    name: 'a choice window that opens before the results are published',
    attempt: (trx) =>
      trx
        .insertInto('publication_batches')
        .values({
          year: 2024,
          id: 'B',
          label: 'Lot B',
          first_group_results_at: '2024-07-01T17:00:00Z',
          choice_opens_at: '2024-07-01T16:59:59Z',
          choice_closes_at: '2024-07-02T15:00:00Z',
        })
        .execute(),
    rejectedBy: { constraint: 'publication_batches_window_after_results' },
  },
  {
    name: 'a specialty in a batch that does not exist',
    attempt: (trx) =>
      trx
        .insertInto('specialties')
        .values({ year: 2024, code: 'SIO', name: 'SIO', pilot_academy_code: '19', batch_id: 'Z' })
        .execute(),
    rejectedBy: { constraint: 'specialties_batch_fkey' },
  },
  {
    name: 'a test with a zero coefficient',
    attempt: (trx) =>
      trx
        .insertInto('tests')
        .values({
          year: 2024,
          specialty_code: 'MCO',
          code: 'E5',
          name: 'x',
          coefficient_hundredths: 0,
          domain: 'PROFESSIONAL',
          optional: false,
          control_eligible: false,
          position: 5,
        })
        .execute(),
    rejectedBy: { constraint: 'tests_coefficient_positive' },
  },
  {
    name: 'a block code without its name',
    attempt: (trx) =>
      trx
        .updateTable('tests')
        .set({ block_code: 'B9', block_name: null })
        .where('code', '=', 'E1')
        .execute(),
    rejectedBy: { constraint: 'tests_block_named' },
  },
  {
    name: 'an empty block name on a part',
    attempt: (trx) =>
      trx
        .updateTable('test_parts')
        .set({ block_code: 'B9', block_name: '' })
        .where('code', '=', 'E21')
        .execute(),
    rejectedBy: { constraint: 'test_parts_block_named' },
  },
  {
    name: 'an optional test in a block',
    attempt: (trx) =>
      trx
        .insertInto('tests')
        .values({
          year: 2024,
          specialty_code: 'MCO',
          code: 'EF1',
          name: 'x',
          coefficient_hundredths: 100,
          domain: 'GENERAL',
          optional: true,
          control_eligible: false,
          position: 5,
          block_code: 'B9',
          block_name: 'Facultative',
        })
        .execute(),
    rejectedBy: { constraint: 'tests_optional_no_block' },
  },
  {
    name: 'a test of an unknown domain',
    attempt: (trx) =>
      trx
        .insertInto('tests')
        .values({
          year: 2024,
          specialty_code: 'MCO',
          code: 'E5',
          name: 'x',
          coefficient_hundredths: 300,
          domain: 'OTHER' as 'GENERAL',
          optional: false,
          control_eligible: false,
          position: 5,
        })
        .execute(),
    rejectedBy: { constraint: 'tests_domain' },
  },
  {
    name: 'a professional test eligible for the control',
    attempt: (trx) =>
      trx
        .insertInto('tests')
        .values({
          year: 2024,
          specialty_code: 'MCO',
          code: 'E5',
          name: 'x',
          coefficient_hundredths: 300,
          domain: 'PROFESSIONAL',
          optional: false,
          control_eligible: true,
          position: 5,
        })
        .execute(),
    rejectedBy: { constraint: 'tests_control_eligible_general' },
  },
  {
    name: 'an optional test eligible for the control',
    attempt: (trx) =>
      trx
        .insertInto('tests')
        .values({
          year: 2024,
          specialty_code: 'MCO',
          code: 'EF1',
          name: 'x',
          coefficient_hundredths: 100,
          domain: 'GENERAL',
          optional: true,
          control_eligible: true,
          position: 5,
        })
        .execute(),
    rejectedBy: { constraint: 'tests_control_eligible_general' },
  },
  {
    name: 'a test part with a negative coefficient',
    attempt: (trx) =>
      trx
        .insertInto('test_parts')
        .values({
          year: 2024,
          specialty_code: 'MCO',
          test_code: 'E2',
          code: 'E22',
          name: 'Oral',
          coefficient_hundredths: -150,
          position: 2,
        })
        .execute(),
    rejectedBy: { constraint: 'test_parts_coefficient_positive' },
  },
  {
    name: 'a part of a test that does not exist',
    attempt: (trx) =>
      trx
        .insertInto('test_parts')
        .values({
          year: 2024,
          specialty_code: 'MCO',
          test_code: 'E9',
          code: 'E91',
          name: 'x',
          coefficient_hundredths: 150,
          position: 1,
        })
        .execute(),
    rejectedBy: { constraint: 'test_parts_test_fkey' },
  },
  {
    name: 'a second generic oral day for a specialty (nulls not distinct)',
    attempt: (trx) =>
      trx
        .insertInto('oral_days')
        .values({ year: 2024, specialty_code: 'MCO', academy_code: null, day: '2024-07-04' })
        .execute(),
    rejectedBy: { constraint: 'oral_days_key' },
  },
  {
    name: 'a malformed UAI',
    attempt: (trx) =>
      trx
        .insertInto('schools')
        .values({ uai: '051900A', name: 'Lycée de démonstration', academy_code: '19' })
        .execute(),
    rejectedBy: { constraint: 'schools_uai_format' },
  },
  {
    name: 'a school candidate without a school',
    attempt: (trx) =>
      trx
        .updateTable('candidates')
        .set({ school_uai: null })
        .where('number', '=', '02419000001')
        .execute(),
    rejectedBy: { constraint: 'candidates_school_unless_individual' },
  },
  {
    name: 'two candidates with one number in one session',
    attempt: (trx) =>
      trx
        .insertInto('candidates')
        .values({
          year: 2024,
          number: '02419000001',
          last_name: 'Bis',
          first_name: 'Bis',
          individual: true,
          specialty_code: 'MCO',
          origin_academy_code: '19',
          school_uai: null,
          email: null,
        })
        .execute(),
    rejectedBy: { constraint: 'candidates_number_key' },
  },
  {
    name: 'a cached first-group outcome that is not one',
    attempt: (trx) =>
      trx
        .updateTable('candidates')
        .set({ first_group_outcome: 'PASSED' as 'ADMITTED' })
        .execute(),
    rejectedBy: { constraint: 'candidates_first_group_outcome' },
  },
  {
    name: 'a mark of 2001 hundredths',
    attempt: (trx, f) =>
      trx
        .insertInto('first_group_marks')
        .values({ candidate_id: f.schooledId, code: 'E3', status: 'MARK', hundredths: 2001 })
        .execute(),
    rejectedBy: { constraint: 'first_group_marks_hundredths_range' },
  },
  {
    name: 'a negative mark',
    attempt: (trx, f) =>
      trx
        .insertInto('first_group_marks')
        .values({ candidate_id: f.schooledId, code: 'E3', status: 'MARK', hundredths: -1 })
        .execute(),
    rejectedBy: { constraint: 'first_group_marks_hundredths_range' },
  },
  {
    name: 'a MARK status without a mark',
    attempt: (trx, f) =>
      trx
        .insertInto('first_group_marks')
        .values({ candidate_id: f.schooledId, code: 'E3', status: 'MARK', hundredths: null })
        .execute(),
    rejectedBy: { constraint: 'first_group_marks_hundredths_iff_mark' },
  },
  {
    name: 'an exempted test with a mark',
    attempt: (trx, f) =>
      trx
        .insertInto('first_group_marks')
        .values({ candidate_id: f.schooledId, code: 'E3', status: 'EXEMPT', hundredths: 1200 })
        .execute(),
    rejectedBy: { constraint: 'first_group_marks_hundredths_iff_mark' },
  },
  {
    name: 'a kept mark (bénéfice) below 10',
    attempt: (trx, f) =>
      trx
        .insertInto('first_group_marks')
        .values({ candidate_id: f.schooledId, code: 'E3', status: 'KEPT', hundredths: 950 })
        .execute(),
    rejectedBy: { constraint: 'first_group_marks_kept_at_least_10' },
  },
  {
    name: 'an unknown mark status',
    attempt: (trx, f) =>
      trx
        .insertInto('first_group_marks')
        .values({
          candidate_id: f.schooledId,
          code: 'E3',
          status: 'DISPENSE' as 'EXEMPT',
          hundredths: null,
        })
        .execute(),
    rejectedBy: { constraint: 'first_group_marks_status' },
  },
  {
    name: 'a CANDIDATE account without candidate_id',
    attempt: (trx) =>
      trx
        .insertInto('accounts')
        .values({
          identifier: 'x',
          password_hash: 'x',
          role: 'CANDIDATE',
          candidate_id: null,
          school_uai: null,
          academy_code: null,
        })
        .execute(),
    rejectedBy: { constraint: 'accounts_role_reference' },
  },
  {
    name: 'a SCHOOL account that also names an académie',
    attempt: (trx) =>
      trx
        .insertInto('accounts')
        .values({
          identifier: 'x',
          password_hash: 'x',
          role: 'SCHOOL',
          candidate_id: null,
          school_uai: '0519001A',
          academy_code: '19',
        })
        .execute(),
    rejectedBy: { constraint: 'accounts_role_reference' },
  },
  {
    name: 'a PILOT account without an académie',
    attempt: (trx) =>
      trx
        .insertInto('accounts')
        .values({
          identifier: 'x',
          password_hash: 'x',
          role: 'PILOT',
          candidate_id: null,
          school_uai: '0519001A',
          academy_code: null,
        })
        .execute(),
    rejectedBy: { constraint: 'accounts_role_reference' },
  },
  {
    name: 'an unknown role',
    attempt: (trx) =>
      trx
        .insertInto('accounts')
        .values({
          identifier: 'x',
          password_hash: 'x',
          role: 'ADMIN' as 'PILOT',
          candidate_id: null,
          school_uai: null,
          academy_code: '19',
        })
        .execute(),
    rejectedBy: { constraint: 'accounts_role' },
  },
  {
    name: 'two accounts for one candidate',
    attempt: (trx, f) =>
      trx
        .insertInto('accounts')
        .values({
          identifier: 'x',
          password_hash: 'x',
          role: 'CANDIDATE',
          candidate_id: f.schooledId,
          school_uai: null,
          academy_code: null,
        })
        .execute(),
    rejectedBy: { constraint: 'accounts_candidate_id_key' },
  },
  {
    name: 'two accounts with one identifier',
    attempt: (trx) =>
      trx
        .insertInto('accounts')
        .values({
          identifier: 'pilote',
          password_hash: 'x',
          role: 'PILOT',
          candidate_id: null,
          school_uai: null,
          academy_code: '19',
        })
        .execute(),
    rejectedBy: { constraint: 'accounts_identifier_key' },
  },
  {
    name: 'a session whose token hash is not a SHA-256',
    attempt: (trx, f) =>
      trx
        .insertInto('sessions')
        .values({
          token_hash: randomBytes(16),
          account_id: f.accountId('pilote'),
          expires_at: '2099-01-01T00:00:00Z',
        })
        .execute(),
    rejectedBy: { constraint: 'sessions_token_hash_sha256' },
  },
  {
    name: 'a session that expires before it starts',
    attempt: (trx, f) =>
      trx
        .insertInto('sessions')
        .values({
          token_hash: sha256Sized(),
          account_id: f.accountId('pilote'),
          created_at: '2024-06-28T08:00:00Z',
          expires_at: '2024-06-28T07:00:00Z',
        })
        .execute(),
    rejectedBy: { constraint: 'sessions_expiry_after_creation' },
  },
  {
    name: 'an API token for a school account',
    attempt: (trx, f) =>
      trx
        .insertInto('api_tokens')
        .values({
          token_hash: sha256Sized(),
          account_id: f.accountId('etablissement'),
          account_role: 'SCHOOL' as 'ACADEMY',
          label: 'x',
        })
        .execute(),
    rejectedBy: { constraint: 'api_tokens_academy_role' },
  },
  {
    name: 'an API token claiming an académie role its account does not have',
    attempt: (trx, f) =>
      trx
        .insertInto('api_tokens')
        .values({
          token_hash: sha256Sized(),
          account_id: f.accountId('etablissement'),
          account_role: 'ACADEMY',
          label: 'x',
        })
        .execute(),
    rejectedBy: { constraint: 'api_tokens_account_fkey' },
  },
  {
    name: 'turning an account that holds an API token into a school account',
    attempt: (trx, f) =>
      trx
        .updateTable('accounts')
        .set({ role: 'SCHOOL', academy_code: null, school_uai: '0519001A' })
        .where('id', '=', f.accountId('academie'))
        .execute(),
    rejectedBy: { constraint: 'api_tokens_academy_role' },
  },
  {
    name: 'a login throttle key of an unknown kind',
    attempt: (trx) =>
      trx
        .insertInto('login_throttle')
        .values({
          key: 'pilote',
          failures: 1,
          first_failure_at: '2024-06-28T08:00:00Z',
          locked_until: null,
        })
        .execute(),
    rejectedBy: { constraint: 'login_throttle_key_kind' },
  },
  {
    name: 'a negative failure count',
    attempt: (trx) =>
      trx
        .insertInto('login_throttle')
        .values({
          key: 'id:pilote',
          failures: -1,
          first_failure_at: '2024-06-28T08:00:00Z',
          locked_until: null,
        })
        .execute(),
    rejectedBy: { constraint: 'login_throttle_failures_non_negative' },
  },
  {
    name: 'a choice of the same test twice',
    attempt: (trx, f) =>
      trx
        .insertInto('control_choices')
        .values({ ...choice(f), test_code_1: 'E1', test_code_2: 'E1' })
        .execute(),
    rejectedBy: { constraint: 'control_choices_two_distinct_tests' },
  },
  {
    name: 'a choice not stored sorted',
    attempt: (trx, f) =>
      trx
        .insertInto('control_choices')
        .values({ ...choice(f), test_code_1: 'E2', test_code_2: 'E1' })
        .execute(),
    rejectedBy: { constraint: 'control_choices_two_distinct_tests' },
  },
  {
    name: 'a school-channel choice for an individual candidate',
    attempt: (trx, f) =>
      trx
        .insertInto('control_choices')
        .values({
          ...choice(f),
          channel: 'SCHOOL',
          entered_by_account_id: f.accountId('etablissement'),
        })
        .execute(),
    rejectedBy: { constraint: 'control_choices_no_school_channel_for_individual' },
  },
  {
    name: 'a choice that misstates whether the candidate is individual',
    attempt: (trx, f) =>
      trx
        .insertInto('control_choices')
        .values({ ...choice(f), individual: false, channel: 'SCHOOL' })
        .execute(),
    rejectedBy: { constraint: 'control_choices_candidate_fkey' },
  },
  {
    name: 'a school candidate with a school-channel choice becoming individual',
    attempt: (trx, f) =>
      trx
        .updateTable('candidates')
        .set({ individual: true, school_uai: null })
        .where('id', '=', f.schooledId)
        .execute(),
    rejectedBy: { constraint: 'control_choices_no_school_channel_for_individual' },
  },
  {
    name: 'a choice through an unknown channel',
    attempt: (trx, f) =>
      trx
        .insertInto('control_choices')
        .values({ ...choice(f), channel: 'EMAIL' as 'SCHOOL' })
        .execute(),
    rejectedBy: { constraint: 'control_choices_channel' },
  },
  {
    name: 'a convocation whose oral starts before its preparation',
    attempt: (trx, f) =>
      trx
        .insertInto('convocations')
        .values({
          candidate_id: f.schooledId,
          test_code: 'E1',
          preparation_starts_at: '2024-07-03T08:00:00Z',
          starts_at: '2024-07-03T07:40:00Z',
          ends_at: '2024-07-03T08:20:00Z',
          place: 'Salle 1',
        })
        .execute(),
    rejectedBy: { constraint: 'convocations_time_order' },
  },
  {
    name: 'a control mark of 2001 hundredths',
    attempt: (trx, f) =>
      trx
        .updateTable('control_marks')
        .set({ hundredths: 2001 })
        .where('candidate_id', '=', f.schooledId)
        .execute(),
    rejectedBy: { constraint: 'control_marks_hundredths_range' },
  },
  {
    name: 'an absence at the control with a mark',
    attempt: (trx, f) =>
      trx
        .updateTable('control_marks')
        .set({ status: 'ABSENT' })
        .where('candidate_id', '=', f.schooledId)
        .execute(),
    rejectedBy: { constraint: 'control_marks_hundredths_iff_mark' },
  },
  {
    name: 'a control mark for a test that was not chosen',
    attempt: (trx, f) =>
      trx
        .insertInto('control_marks')
        .values({
          candidate_id: f.schooledId,
          test_code: 'E2',
          status: 'MARK',
          hundredths: 1000,
          recorded_by_account_id: f.accountId('pilote'),
        })
        .execute(),
    rejectedBy: { constraint: 'control_marks_chosen_test' },
  },
  {
    name: 'a control mark for a candidate who made no choice',
    attempt: (trx, f) =>
      trx
        .insertInto('control_marks')
        .values({
          candidate_id: f.individualId,
          test_code: 'E1',
          status: 'ABSENT',
          hundredths: null,
          recorded_by_account_id: f.accountId('pilote'),
        })
        .execute(),
    rejectedBy: { constraint: 'control_marks_chosen_test' },
  },
  {
    name: 'a change of choice that drops a test already marked',
    attempt: (trx, f) =>
      trx
        .updateTable('control_choices')
        .set({ test_code_1: 'E2' })
        .where('candidate_id', '=', f.schooledId)
        .execute(),
    rejectedBy: { constraint: 'control_marks_chosen_test' },
  },
  {
    name: 'an UPDATE of the audit log',
    attempt: (trx) => trx.updateTable('audit_log').set({ action: 'NOTHING_HAPPENED' }).execute(),
    rejectedBy: { code: SQLSTATE.INSUFFICIENT_PRIVILEGE },
  },
  {
    name: 'a DELETE from the audit log',
    attempt: (trx) => trx.deleteFrom('audit_log').execute(),
    rejectedBy: { code: SQLSTATE.INSUFFICIENT_PRIVILEGE },
  },
  {
    name: 'a TRUNCATE of the audit log',
    attempt: (trx) => sql`truncate audit_log`.execute(trx),
    rejectedBy: { code: SQLSTATE.INSUFFICIENT_PRIVILEGE },
  },
];

describe.each(backendsUnderTest())('constraints on %s', (backend) => {
  let t: TestDatabase;
  let fixture: Fixture;
  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    fixture = await insertFixture(t.db);
  });
  afterAll(() => t.close());

  it.each(CASES)('reject $name', async ({ attempt, rejectedBy }) => {
    const info = databaseErrorOf(await attemptIn(t.db, (trx) => attempt(trx, fixture)));
    if ('constraint' in rejectedBy) expect(info?.constraint).toBe(rejectedBy.constraint);
    else expect(info?.code).toBe(rejectedBy.code);
  });

  it('accept the good states next to the bad ones', async () => {
    const accepted = await attemptIn(t.db, async (trx) => {
      await trx.insertInto('control_choices').values(choice(fixture)).execute();
      await trx
        .updateTable('control_choices')
        .set({ test_code_1: 'E1', test_code_2: 'E3', channel: 'CANDIDATE_SPACE' })
        .where('candidate_id', '=', fixture.schooledId)
        .execute();
      await trx
        .insertInto('first_group_marks')
        .values({ candidate_id: fixture.schooledId, code: 'E3', status: 'KEPT', hundredths: 1000 })
        .execute();
      await trx
        .insertInto('oral_days')
        .values({ year: 2024, specialty_code: 'MCO', academy_code: '12', day: '2024-07-04' })
        .execute();
      await trx
        .insertInto('audit_log')
        .values({ action: 'RECORD_CONTROL_MARK', before: jsonText([1, 'deux']), after: null })
        .execute();
    });
    expect(accepted).toBeUndefined();
  });

  it('delete a candidate with everything that is theirs, and keep the audit trail', async () => {
    const trail = await attemptIn(t.db, async (trx) => {
      await trx.deleteFrom('candidates').where('id', '=', fixture.schooledId).execute();
      const left = await Promise.all(
        (['first_group_marks', 'control_choices', 'control_marks'] as const).map((table) =>
          trx
            .selectFrom(table)
            .select('candidate_id')
            .where('candidate_id', '=', fixture.schooledId)
            .execute(),
        ),
      );
      expect(left.flat()).toEqual([]);
      expect(
        await trx
          .selectFrom('accounts')
          .select('id')
          .where('identifier', '=', 'candidat')
          .execute(),
      ).toEqual([]);
      const audit = await trx.selectFrom('audit_log').select(['candidate_id', 'after']).execute();
      expect(audit).toEqual([{ candidate_id: fixture.schooledId, after: { tests: ['E1', 'E3'] } }]);
    });
    expect(trail).toBeUndefined();
  });

  it('leave the fixture as it was after every refused attempt', async () => {
    const count = await t.db
      .selectFrom('control_marks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });
});
