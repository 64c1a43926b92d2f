import type { Kysely } from 'kysely';

/**
 * The verification code of each candidate's attestation de réussite, drawn
 * when it is first produced and kept, so that every copy printed carries
 * the same code and stays verifiable.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('attestations')
    .addColumn('candidate_id', 'uuid', (c) =>
      c.primaryKey().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('attestations').execute();
}
