import { type Kysely, sql } from 'kysely';

/**
 * The oral planner's resources: examiners (per day, with their hours and the
 * tests they examine), rooms, and candidates' exam accommodations; and what
 * a convocation records of them (room, examiner, extra preparation time).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('examiners')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (c) => c.notNull().references('exam_sessions.year'))
    .addColumn('academy_code', 'text', (c) => c.notNull().references('academies.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('available_from', 'timestamptz', (c) => c.notNull())
    .addColumn('available_until', 'timestamptz', (c) => c.notNull())
    // The name identifies the examiner on the convocations of that day.
    .addUniqueConstraint('examiners_key', ['year', 'academy_code', 'day', 'name'])
    .addCheckConstraint('examiners_name_not_blank', sql`btrim(name) <> ''`)
    .addCheckConstraint('examiners_hours_order', sql`available_from < available_until`)
    // Hours are wall times of the examiner's day in Paris (the calendar's zone).
    .addCheckConstraint(
      'examiners_hours_on_day',
      sql`(available_from at time zone 'Europe/Paris')::date = day
        and available_until <= ((day + 1)::timestamp at time zone 'Europe/Paris')`,
    )
    .execute();

  await db.schema
    .createTable('examiner_tests')
    .addColumn('examiner_id', 'uuid', (c) =>
      c.notNull().references('examiners.id').onDelete('cascade'),
    )
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('test_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('examiner_tests_pkey', ['examiner_id', 'specialty_code', 'test_code'])
    // Only a test of the session's structure can be examined.
    .addForeignKeyConstraint(
      'examiner_tests_test_fkey',
      ['year', 'specialty_code', 'test_code'],
      'tests',
      ['year', 'specialty_code', 'code'],
    )
    .execute();

  await db.schema
    .createTable('rooms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (c) => c.notNull().references('exam_sessions.year'))
    .addColumn('academy_code', 'text', (c) => c.notNull().references('academies.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('accessible', 'boolean', (c) => c.notNull())
    // The name is the convocation's place: it must designate one room.
    .addUniqueConstraint('rooms_key', ['year', 'academy_code', 'name'])
    .addCheckConstraint('rooms_name_not_blank', sql`btrim(name) <> ''`)
    .execute();

  await db.schema
    .createTable('candidate_accommodations')
    .addColumn('candidate_id', 'uuid', (c) =>
      c.primaryKey().references('candidates.id').onDelete('cascade'),
    )
    // Extra preparation time as an exact fraction of the regular time (1/3).
    .addColumn('extra_preparation_numerator', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extra_preparation_denominator', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('accessible_room_required', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text')
    .addCheckConstraint(
      'candidate_accommodations_ratio',
      sql`extra_preparation_denominator > 0 and extra_preparation_numerator >= 0
        and extra_preparation_numerator <= extra_preparation_denominator`,
    )
    .addCheckConstraint(
      'candidate_accommodations_note_not_blank',
      sql`note is null or btrim(note) <> ''`,
    )
    .execute();

  await db.schema
    .alterTable('convocations')
    .addColumn('room', 'text')
    .addColumn('examiner', 'text')
    .addColumn('extra_preparation_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    // A French description of the accommodation applied, as it was at issue time.
    .addColumn('accommodation', 'text')
    .execute();
  // Named after convocations_time_order so that PostgreSQL (which checks
  // constraints in name order) reports the plainer violation first.
  await db.schema
    .alterTable('convocations')
    .addCheckConstraint(
      'convocations_time_order_with_extra_preparation',
      sql`extra_preparation_minutes >= 0
        and preparation_starts_at + make_interval(mins => extra_preparation_minutes) < starts_at`,
    )
    .execute();
  await db.schema
    .alterTable('convocations')
    .addCheckConstraint('convocations_room_not_blank', sql`room is null or btrim(room) <> ''`)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('convocations')
    .dropConstraint('convocations_room_not_blank')
    .execute();
  await db.schema
    .alterTable('convocations')
    .dropConstraint('convocations_time_order_with_extra_preparation')
    .execute();
  await db.schema
    .alterTable('convocations')
    .dropColumn('accommodation')
    .dropColumn('extra_preparation_minutes')
    .dropColumn('examiner')
    .dropColumn('room')
    .execute();
  for (const table of ['candidate_accommodations', 'rooms', 'examiner_tests', 'examiners'])
    await db.schema.dropTable(table).execute();
}
