import { type Kysely, sql } from 'kysely';

/**
 * Jury decisions: the jury is sovereign (art. D643-22), so its decision is
 * stored beside the marks and applied after the domain computes. One row per
 * candidate and stage (the latest decision); every decision, with what it
 * replaced, is in audit_log.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('jury_decisions')
    .addColumn('candidate_id', 'uuid', (c) =>
      c.notNull().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('jury_decisions_pkey', ['candidate_id', 'stage'])
    .addCheckConstraint('jury_decisions_stage', sql`stage in ('FIRST_GROUP', 'FINAL')`)
    // After the control there is no "allowed to the control": admis or ajourné only.
    .addCheckConstraint(
      'jury_decisions_outcome_for_stage',
      sql`(stage = 'FIRST_GROUP' and outcome in ('ADMITTED', 'CONTROL_ALLOWED', 'FAILED'))
        or (stage = 'FINAL' and outcome in ('ADMITTED', 'FAILED'))`,
    )
    // A sovereign decision without a reason could not be explained to the candidate.
    .addCheckConstraint(
      'jury_decisions_reason_not_blank',
      sql`btrim(reason) <> '' and char_length(reason) <= 2000`,
    )
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('jury_decisions').execute();
}
