import { type Kysely, sql } from 'kysely';

/**
 * A choice the exam office records after the deadline, by exception,
 * carries its reason; a choice made in time has none. The channel stays the
 * one the request came through (the candidate, or their school).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('control_choices').addColumn('late_reason', 'text').execute();
  await db.schema
    .alterTable('control_choices')
    .addCheckConstraint(
      'control_choices_late_reason_not_blank',
      sql`late_reason is null or btrim(late_reason) <> ''`,
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('control_choices')
    .dropConstraint('control_choices_late_reason_not_blank')
    .execute();
  await db.schema.alterTable('control_choices').dropColumn('late_reason').execute();
}
