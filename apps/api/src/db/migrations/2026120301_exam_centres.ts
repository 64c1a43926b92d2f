import { type Kysely, sql } from 'kysely';

/**
 * Exam centres: the establishment (name and postal address) where an
 * académie holds the orals of a specialty on a day; and what a convocation
 * records of it at issue time, so that a later change of centre never
 * rewrites a convocation already sent.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

const CENTRE_COLUMNS = ['centre_name', 'centre_street', 'centre_postcode', 'centre_city'] as const;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('exam_centres')
    .addColumn('year', 'integer', (c) => c.notNull().references('exam_sessions.year'))
    .addColumn('academy_code', 'text', (c) => c.notNull().references('academies.code'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    // One centre per specialty and day: the convocation's place must be one address.
    .addPrimaryKeyConstraint('exam_centres_pkey', ['year', 'academy_code', 'day', 'specialty_code'])
    .addForeignKeyConstraint(
      'exam_centres_specialty_fkey',
      ['year', 'specialty_code'],
      'specialties',
      ['year', 'code'],
    )
    .addCheckConstraint(
      'exam_centres_not_blank',
      sql`btrim(name) <> '' and btrim(street) <> '' and btrim(city) <> ''`,
    )
    .addCheckConstraint('exam_centres_postcode', sql`postcode ~ '^[0-9]{5}$'`)
    .execute();

  for (const column of CENTRE_COLUMNS)
    await db.schema.alterTable('convocations').addColumn(column, 'text').execute();
  await db.schema
    .alterTable('convocations')
    .addCheckConstraint(
      'convocations_centre_whole',
      sql`(centre_name is null) = (centre_street is null)
        and (centre_name is null) = (centre_postcode is null)
        and (centre_name is null) = (centre_city is null)`,
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('convocations').dropConstraint('convocations_centre_whole').execute();
  for (const column of CENTRE_COLUMNS)
    await db.schema.alterTable('convocations').dropColumn(column).execute();
  await db.schema.dropTable('exam_centres').execute();
}
