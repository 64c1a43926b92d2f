import { type Kysely, sql } from 'kysely';

/**
 * A revision number of the exam sessions' reference data (calendar,
 * specialties, tests, oral days), bumped by triggers on every write to
 * those tables, whoever writes: each API process may then keep the
 * reference data in memory and only read this one row per request to know
 * whether its copy is still current (services/reference-cache.ts).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

const REFERENCE_TABLES = [
  'exam_sessions',
  'publication_batches',
  'specialties',
  'tests',
  'test_parts',
  'oral_days',
] as const;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('reference_revision')
    .addColumn('singleton', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`singleton`),
    )
    .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('reference_revision').values({ singleton: true, revision: 0 }).execute();
  await sql`
    create function bump_reference_revision() returns trigger language plpgsql as $$
    begin
      update reference_revision set revision = revision + 1;
      return null;
    end
    $$`.execute(db);
  for (const table of REFERENCE_TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_bump_reference_revision`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function bump_reference_revision()`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of REFERENCE_TABLES) {
    await sql`drop trigger ${sql.id(`${table}_bump_reference_revision`)} on ${sql.table(table)}`.execute(
      db,
    );
  }
  await sql`drop function bump_reference_revision()`.execute(db);
  await db.schema.dropTable('reference_revision').execute();
}
