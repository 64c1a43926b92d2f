import { type Kysely, sql } from 'kysely';

/**
 * The whole schema of the first release. Every constraint is named, so that
 * a violation can be told apart (and mapped to an error) by its name.
 * Checks encode the rules (docs/rules.md) that a row (or a
 * trigger looking at one other table) can tell; the rules that need a
 * computation (averages, outcomes, windows) stay in the domain package.
 */

const ROLES = sql`('CANDIDATE', 'SCHOOL', 'ACADEMY', 'PILOT')`;
const CHANNELS = sql`('CANDIDATE_SPACE', 'SCHOOL')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

async function createReferenceTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('academies')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // Ministry codes keep their leading zero ("01" Paris): text, two digits.
    .addCheckConstraint('academies_code_format', sql`code ~ '^[0-9]{2}$'`)
    .addCheckConstraint('academies_name_not_blank', sql`btrim(name) <> ''`)
    .execute();

  await db.schema
    .createTable('exam_sessions')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('second_group_results_at', 'timestamptz', (c) => c.notNull())
    // Policies the seed leaves open (docs/rules.md), per session.
    .addColumn('optional_tests_policy', 'text', (c) => c.notNull().defaultTo('POINTS_ABOVE_10'))
    .addColumn('absent_at_control_policy', 'text', (c) =>
      c.notNull().defaultTo('KEEP_FIRST_GROUP_MARK'),
    )
    .addCheckConstraint('exam_sessions_year_range', sql`year between 2000 and 2999`)
    .addCheckConstraint(
      'exam_sessions_optional_tests_policy',
      sql`optional_tests_policy in ('POINTS_ABOVE_10', 'IGNORED')`,
    )
    .addCheckConstraint(
      'exam_sessions_absent_at_control_policy',
      sql`absent_at_control_policy in ('KEEP_FIRST_GROUP_MARK', 'FAIL')`,
    )
    .execute();

  await db.schema
    .createTable('publication_batches')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('first_group_results_at', 'timestamptz', (c) => c.notNull())
    .addColumn('choice_opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('choice_closes_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_batches_pkey', ['year', 'id'])
    .addForeignKeyConstraint('publication_batches_year_fkey', ['year'], 'exam_sessions', ['year'])
    .addCheckConstraint('publication_batches_window_order', sql`choice_closes_at > choice_opens_at`)
    // A window opening before the results would leak the embargoed outcome.
    .addCheckConstraint(
      'publication_batches_window_after_results',
      sql`choice_opens_at >= first_group_results_at`,
    )
    .execute();

  await db.schema
    .createTable('specialties')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('pilot_academy_code', 'text', (c) => c.notNull().references('academies.code'))
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('specialties_pkey', ['year', 'code'])
    .addForeignKeyConstraint(
      'specialties_batch_fkey',
      ['year', 'batch_id'],
      'publication_batches',
      ['year', 'id'],
    )
    .addCheckConstraint('specialties_code_not_blank', sql`btrim(code) <> ''`)
    .execute();

  await db.schema
    .createTable('tests')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('coefficient_hundredths', 'integer', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('optional', 'boolean', (c) => c.notNull())
    .addColumn('control_eligible', 'boolean', (c) => c.notNull())
    // Modern languages have shorter control orals (10 + 10 minutes).
    .addColumn('language', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tests_pkey', ['year', 'specialty_code', 'code'])
    .addForeignKeyConstraint('tests_specialty_fkey', ['year', 'specialty_code'], 'specialties', [
      'year',
      'code',
    ])
    .addUniqueConstraint('tests_position_key', ['year', 'specialty_code', 'position'])
    .addCheckConstraint('tests_coefficient_positive', sql`coefficient_hundredths > 0`)
    .addCheckConstraint('tests_domain', sql`domain in ('GENERAL', 'PROFESSIONAL')`)
    // The control orals bear on compulsory general-domain tests only
    // (arrêté du 3 juin 2022).
    .addCheckConstraint(
      'tests_control_eligible_general',
      sql`not (control_eligible and (domain <> 'GENERAL' or optional))`,
    )
    .execute();

  await db.schema
    .createTable('test_parts')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('test_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('coefficient_hundredths', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // Keyed by specialty, not by test: marks are keyed by part code alone.
    .addPrimaryKeyConstraint('test_parts_pkey', ['year', 'specialty_code', 'code'])
    .addForeignKeyConstraint(
      'test_parts_test_fkey',
      ['year', 'specialty_code', 'test_code'],
      'tests',
      ['year', 'specialty_code', 'code'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('test_parts_position_key', [
      'year',
      'specialty_code',
      'test_code',
      'position',
    ])
    .addCheckConstraint('test_parts_coefficient_positive', sql`coefficient_hundredths > 0`)
    .execute();

  await db.schema
    .createTable('oral_days')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    // Null: the specialty's day for every académie without a row of its own.
    .addColumn('academy_code', 'text', (c) => c.references('academies.code'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addForeignKeyConstraint(
      'oral_days_specialty_fkey',
      ['year', 'specialty_code'],
      'specialties',
      ['year', 'code'],
    )
    // NULLS NOT DISTINCT (PostgreSQL ≥ 15): one generic day per specialty too.
    .addUniqueConstraint('oral_days_key', ['year', 'specialty_code', 'academy_code'], (u) =>
      u.nullsNotDistinct(),
    )
    .execute();

  await db.schema
    .createTable('schools')
    .addColumn('uai', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('academy_code', 'text', (c) => c.notNull().references('academies.code'))
    // UAI (ex-RNE): seven digits and a check letter.
    .addCheckConstraint('schools_uai_format', sql`uai ~ '^[0-9]{7}[A-Z]$'`)
    .addCheckConstraint('schools_name_not_blank', sql`btrim(name) <> ''`)
    .execute();
}

async function createCandidateTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('candidates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (c) => c.notNull().references('exam_sessions.year'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('individual', 'boolean', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('origin_academy_code', 'text', (c) => c.notNull().references('academies.code'))
    .addColumn('school_uai', 'text', (c) => c.references('schools.uai'))
    .addColumn('email', 'text')
    // A cache of the domain's verdict on the stored marks, so that the
    // contract's outcome filter and counts run in SQL; null until deliberated
    // (or while a mark is missing). The domain stays the judge.
    .addColumn('first_group_outcome', 'text')
    .addUniqueConstraint('candidates_number_key', ['year', 'number'])
    .addForeignKeyConstraint(
      'candidates_specialty_fkey',
      ['year', 'specialty_code'],
      'specialties',
      ['year', 'code'],
    )
    .addCheckConstraint('candidates_number_not_blank', sql`btrim(number) <> ''`)
    // Every candidate but a candidat individuel has a school. An individual
    // candidate may still be attached to one (shown to it, never chosen for
    // by it: see control_choices).
    .addCheckConstraint(
      'candidates_school_unless_individual',
      sql`individual or school_uai is not null`,
    )
    .addCheckConstraint(
      'candidates_first_group_outcome',
      sql`first_group_outcome in ('ADMITTED', 'CONTROL_ALLOWED', 'FAILED')`,
    )
    .addCheckConstraint('candidates_email_format', sql`email ~ '^[^@[:space:]]+@[^@[:space:]]+$'`)
    // Target of control_choices' composite foreign key.
    .addUniqueConstraint('candidates_id_individual_key', ['id', 'individual'])
    .execute();
  // The contract's filters, each listed in candidate-number order.
  await db.schema
    .createIndex('candidates_specialty_idx')
    .on('candidates')
    .columns(['year', 'specialty_code', 'number'])
    .execute();
  await db.schema
    .createIndex('candidates_origin_academy_idx')
    .on('candidates')
    .columns(['year', 'origin_academy_code', 'number'])
    .execute();
  await db.schema
    .createIndex('candidates_first_group_outcome_idx')
    .on('candidates')
    .columns(['year', 'first_group_outcome', 'number'])
    .execute();
  await db.schema
    .createIndex('candidates_school_idx')
    .on('candidates')
    .columns(['school_uai', 'year', 'number'])
    .execute();

  await db.schema
    .createTable('first_group_marks')
    .addColumn('candidate_id', 'uuid', (c) =>
      c.notNull().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hundredths', 'integer')
    .addPrimaryKeyConstraint('first_group_marks_pkey', ['candidate_id', 'code'])
    .addCheckConstraint(
      'first_group_marks_status',
      sql`status in ('MARK', 'KEPT', 'EXEMPT', 'ABSENT_JUSTIFIED', 'ABSENT')`,
    )
    .addCheckConstraint('first_group_marks_hundredths_range', sql`hundredths between 0 and 2000`)
    .addCheckConstraint(
      'first_group_marks_hundredths_iff_mark',
      sql`(status in ('MARK', 'KEPT')) = (hundredths is not null)`,
    )
    // A bénéfice is a mark of at least 10 kept from an earlier session.
    .addCheckConstraint(
      'first_group_marks_kept_at_least_10',
      sql`status <> 'KEPT' or hundredths >= 1000`,
    )
    .execute();
}

async function createAccountTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'uuid', (c) =>
      c.unique().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('school_uai', 'text', (c) => c.references('schools.uai'))
    .addColumn('academy_code', 'text', (c) => c.references('academies.code'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('accounts_identifier_not_blank', sql`btrim(identifier) <> ''`)
    .addCheckConstraint('accounts_role', sql`role in ${ROLES}`)
    // Exactly the reference that the role's scope is computed from.
    .addCheckConstraint(
      'accounts_role_reference',
      sql`case role
        when 'CANDIDATE' then candidate_id is not null and school_uai is null and academy_code is null
        when 'SCHOOL' then school_uai is not null and candidate_id is null and academy_code is null
        else academy_code is not null and candidate_id is null and school_uai is null
      end`,
    )
    // Target of api_tokens' composite foreign key.
    .addUniqueConstraint('accounts_id_role_key', ['id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('sessions_token_hash_sha256', sql`octet_length(token_hash) = 32`)
    .addCheckConstraint('sessions_expiry_after_creation', sql`expires_at > created_at`)
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('account_role', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    // Programs act for an académie only: the composite key pins the token to
    // the account's role, and ON UPDATE CASCADE turns a later change of that
    // role into a violation of the check below.
    .addForeignKeyConstraint(
      'api_tokens_account_fkey',
      ['account_id', 'account_role'],
      'accounts',
      ['id', 'role'],
      (fk) => fk.onDelete('cascade').onUpdate('cascade'),
    )
    .addCheckConstraint('api_tokens_academy_role', sql`account_role in ('ACADEMY', 'PILOT')`)
    .addCheckConstraint('api_tokens_token_hash_sha256', sql`octet_length(token_hash) = 32`)
    .addCheckConstraint('api_tokens_label_not_blank', sql`btrim(label) <> ''`)
    .addCheckConstraint(
      'api_tokens_expiry_after_creation',
      sql`expires_at is null or expires_at > created_at`,
    )
    .execute();
  await db.schema
    .createIndex('api_tokens_account_idx')
    .on('api_tokens')
    .column('account_id')
    .execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addCheckConstraint('login_throttle_key_kind', sql`key ~ '^(id|ip):.'`)
    .addCheckConstraint('login_throttle_failures_non_negative', sql`failures >= 0`)
    .execute();
}

async function createControlTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('control_choices')
    .addColumn('candidate_id', 'uuid', (c) => c.primaryKey())
    .addColumn('individual', 'boolean', (c) => c.notNull())
    .addColumn('test_code_1', 'text', (c) => c.notNull())
    .addColumn('test_code_2', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('entered_by_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    // Carries the candidate's own `individual` flag, so that the channel
    // check below reads the truth; ON UPDATE CASCADE keeps it so.
    .addForeignKeyConstraint(
      'control_choices_candidate_fkey',
      ['candidate_id', 'individual'],
      'candidates',
      ['id', 'individual'],
      (fk) => fk.onDelete('cascade').onUpdate('cascade'),
    )
    .addCheckConstraint('control_choices_channel', sql`channel in ${CHANNELS}`)
    // Exactly two different tests (art. D643-15), stored sorted so that a
    // pair has one spelling; sorted by code point ("C"), as JS sorts them,
    // whatever the server's locale.
    .addCheckConstraint(
      'control_choices_two_distinct_tests',
      sql`test_code_1 < test_code_2 collate "C"`,
    )
    // A candidat individuel has no school to enter the choice for them.
    .addCheckConstraint(
      'control_choices_no_school_channel_for_individual',
      sql`not (individual and channel = 'SCHOOL')`,
    )
    .execute();

  await db.schema
    .createTable('convocations')
    .addColumn('candidate_id', 'uuid', (c) =>
      c.notNull().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('test_code', 'text', (c) => c.notNull())
    .addColumn('preparation_starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('convocations_pkey', ['candidate_id', 'test_code'])
    .addCheckConstraint(
      'convocations_time_order',
      sql`preparation_starts_at < starts_at and starts_at < ends_at`,
    )
    .addCheckConstraint('convocations_place_not_blank', sql`btrim(place) <> ''`)
    .execute();

  await db.schema
    .createTable('control_marks')
    .addColumn('candidate_id', 'uuid', (c) =>
      c.notNull().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('test_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hundredths', 'integer')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('recorded_by_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('control_marks_pkey', ['candidate_id', 'test_code'])
    // No control mark without a choice (the trigger below checks the test).
    .addForeignKeyConstraint('control_marks_choice_fkey', ['candidate_id'], 'control_choices', [
      'candidate_id',
    ])
    .addCheckConstraint('control_marks_status', sql`status in ('MARK', 'ABSENT')`)
    .addCheckConstraint('control_marks_hundredths_range', sql`hundredths between 0 and 2000`)
    .addCheckConstraint(
      'control_marks_hundredths_iff_mark',
      sql`(status = 'MARK') = (hundredths is not null)`,
    )
    .execute();

  // A control mark is only for one of the two chosen tests; a check cannot
  // look at another table, so two triggers hold that from both sides.
  await sql`
    create function control_mark_requires_chosen_test() returns trigger language plpgsql as $$
    begin
      if not exists (
        select 1 from control_choices c
        where c.candidate_id = new.candidate_id and new.test_code in (c.test_code_1, c.test_code_2)
      ) then
        raise exception 'control_marks: test % was not chosen by candidate %', new.test_code, new.candidate_id
          using errcode = 'check_violation', constraint = 'control_marks_chosen_test';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger control_marks_chosen_test before insert or update on control_marks
    for each row execute function control_mark_requires_chosen_test()`.execute(db);
  await sql`
    create function control_choice_keeps_marked_tests() returns trigger language plpgsql as $$
    begin
      if exists (
        select 1 from control_marks m
        where m.candidate_id = old.candidate_id and m.test_code not in (new.test_code_1, new.test_code_2)
      ) then
        raise exception 'control_choices: candidate % already has a control mark for a test this change drops', old.candidate_id
          using errcode = 'check_violation', constraint = 'control_marks_chosen_test';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger control_choices_keep_marked_tests before update on control_choices
    for each row execute function control_choice_keeps_marked_tests()`.execute(db);
}

async function createAuditLog(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // No foreign keys: the trail outlives the accounts and candidates it names.
    .addColumn('actor_account_id', 'uuid')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('candidate_id', 'uuid')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addCheckConstraint('audit_log_actor_role', sql`actor_role in ${ROLES}`)
    .addCheckConstraint('audit_log_channel', sql`channel in ${CHANNELS}`)
    .addCheckConstraint('audit_log_action_not_blank', sql`btrim(action) <> ''`)
    .execute();
  await db.schema
    .createIndex('audit_log_candidate_idx')
    .on('audit_log')
    .column('candidate_id')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();

  // Every entry of a choice is kept (docs/rules.md): the trail is append-only.
  await sql`
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only()`.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  await createReferenceTables(db);
  await createCandidateTables(db);
  await createAccountTables(db);
  await createControlTables(db);
  await createAuditLog(db);
}

export async function down(db: AnyDb): Promise<void> {
  // Dependents first; dropping a table drops its triggers.
  const tables = [
    'audit_log',
    'control_marks',
    'convocations',
    'control_choices',
    'login_throttle',
    'api_tokens',
    'sessions',
    'accounts',
    'first_group_marks',
    'candidates',
    'schools',
    'oral_days',
    'test_parts',
    'tests',
    'specialties',
    'publication_batches',
    'exam_sessions',
    'academies',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
  for (const fn of [
    'audit_log_is_append_only',
    'control_choice_keeps_marked_tests',
    'control_mark_requires_chosen_test',
  ]) {
    await sql`drop function ${sql.id(fn)}()`.execute(db);
  }
}
