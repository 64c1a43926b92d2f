import type { Kysely } from 'kysely';

/**
 * A candidate's consent to be named on the public list of admitted
 * candidates: a row while it is given, none otherwise (the default, as the
 * law wants an opt-in). Its history is in the audit log.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('admission_list_consents')
    .addColumn('candidate_id', 'uuid', (c) =>
      c.primaryKey().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('given_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('admission_list_consents').execute();
}
