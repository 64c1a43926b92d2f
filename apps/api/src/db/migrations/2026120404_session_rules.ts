import { type Kysely, sql } from 'kysely';

/**
 * Each session carries its whole rule set (thresholds, optional-test cap and
 * policy, absence at the control, oral durations, the texts it follows), as
 * the domain's `RuleSet` in JSON: the texts change from one session to the
 * next. The two policy columns it replaces are folded into it; the other
 * rules take the national values of the time this migration was written
 * (frozen here, not read from the domain, which will change).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

const NATIONAL_2026 = {
  name: 'Règles nationales du BTS',
  texts: [
    'Code de l’éducation, art. D643-15 (rédaction issue du décret n° 2024-788 du 8 juillet 2024) et D643-22 à D643-24',
    'Arrêté du 3 juin 2022 (épreuves de contrôle du brevet de technicien supérieur)',
    'Note de service du 20 septembre 2024 (à partir de la session 2025)',
  ],
  thresholds: { admittedHundredths: 1000, controlHundredths: 800, professionalHundredths: 1000 },
  maxOptionalTests: 2,
  oralDurations: {
    standard: { preparationMinutes: 20, oralMinutes: 20 },
    language: { preparationMinutes: 10, oralMinutes: 10 },
  },
};

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('exam_sessions').addColumn('rules', 'jsonb').execute();
  await sql`
    update exam_sessions set rules = ${JSON.stringify(NATIONAL_2026)}::jsonb
      || jsonb_build_object(
        'optionalTests', optional_tests_policy,
        'absentAtControlOral', absent_at_control_policy)`.execute(db);
  await db.schema
    .alterTable('exam_sessions')
    .alterColumn('rules', (c) => c.setNotNull())
    .execute();
  // The domain checks the rule set on every write and read; the database
  // keeps at least its shape, so that a hand-written update cannot store a list or a number.
  await db.schema
    .alterTable('exam_sessions')
    .addCheckConstraint('exam_sessions_rules_object', sql`jsonb_typeof(rules) = 'object'`)
    .execute();
  await db.schema.alterTable('exam_sessions').dropColumn('optional_tests_policy').execute();
  await db.schema.alterTable('exam_sessions').dropColumn('absent_at_control_policy').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('exam_sessions')
    .addColumn('optional_tests_policy', 'text', (c) => c.notNull().defaultTo('POINTS_ABOVE_10'))
    .addColumn('absent_at_control_policy', 'text', (c) =>
      c.notNull().defaultTo('KEEP_FIRST_GROUP_MARK'),
    )
    .execute();
  await sql`
    update exam_sessions set
      optional_tests_policy = coalesce(rules->>'optionalTests', 'POINTS_ABOVE_10'),
      absent_at_control_policy = coalesce(rules->>'absentAtControlOral', 'KEEP_FIRST_GROUP_MARK')`.execute(
    db,
  );
  await db.schema.alterTable('exam_sessions').dropColumn('rules').execute();
}
