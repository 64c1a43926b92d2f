import { type Kysely, sql } from 'kysely';

/**
 * The notification outbox: a row is written in the same transaction as the
 * event that causes it, so a notification exists if and only if its event
 * committed; a worker sends the rows afterwards (notifications/worker.ts).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    // One notification per event, whatever how often a job re-runs.
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'uuid', (c) => c.references('candidates.id').onDelete('cascade'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    // Dead letter: given up after the last attempt; kept for an operator.
    .addColumn('dead_at', 'timestamptz')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('locked_by', 'text')
    .addUniqueConstraint('outbox_dedupe_key_key', ['dedupe_key'])
    .addCheckConstraint(
      'outbox_kind',
      sql`kind in ('CHOICE_RECEIPT', 'CONVOCATION', 'FIRST_GROUP_PUBLISHED', 'SECOND_GROUP_PUBLISHED', 'WINDOW_REMINDER')`,
    )
    .addCheckConstraint('outbox_dedupe_key_not_blank', sql`btrim(dedupe_key) <> ''`)
    .addCheckConstraint(
      'outbox_recipient_format',
      sql`recipient ~ '^[^@[:space:]]+@[^@[:space:]]+$'`,
    )
    .addCheckConstraint(
      'outbox_subject_one_line',
      sql`btrim(subject) <> '' and subject !~ '[\r\n]'`,
    )
    .addCheckConstraint('outbox_body_not_blank', sql`btrim(body) <> ''`)
    .addCheckConstraint('outbox_attempts_non_negative', sql`attempts >= 0`)
    // Sent and dead-lettered are final and exclusive; a final row holds no lease.
    .addCheckConstraint('outbox_sent_or_dead', sql`sent_at is null or dead_at is null`)
    .addCheckConstraint(
      'outbox_final_unlocked',
      sql`(sent_at is null and dead_at is null) or locked_until is null`,
    )
    .addCheckConstraint('outbox_lease_whole', sql`(locked_until is null) = (locked_by is null)`)
    // A dead letter says why it died.
    .addCheckConstraint('outbox_dead_has_error', sql`dead_at is null or last_error is not null`)
    // Sending is an attempt: nothing is sent or dead without one.
    .addCheckConstraint(
      'outbox_final_after_attempt',
      sql`(sent_at is null and dead_at is null) or attempts > 0`,
    )
    .execute();
  // The worker's claim: pending rows by due time.
  await db.schema
    .createIndex('outbox_pending_idx')
    .on('outbox')
    .columns(['next_attempt_at', 'id'])
    .where(sql.ref('sent_at'), 'is', null)
    .where(sql.ref('dead_at'), 'is', null)
    .execute();
  await db.schema.createIndex('outbox_candidate_idx').on('outbox').column('candidate_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
