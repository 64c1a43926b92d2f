import type { Kysely } from 'kysely';

/**
 * Results the pilot académie holds back past their publication instant
 * (« résultat réservé »): a row while held, none once released. Who held
 * it, when and why, and the release, are in the audit log.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('withheld_results')
    .addColumn('candidate_id', 'uuid', (c) =>
      c.primaryKey().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('withheld_at', 'timestamptz', (c) => c.notNull())
    .addColumn('withheld_by_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('withheld_results').execute();
}
