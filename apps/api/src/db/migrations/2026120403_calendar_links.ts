import { type Kysely, sql } from 'kysely';

/**
 * A candidate's calendar to subscribe to is reached by a secret link, since
 * a calendar application cannot log in: only the link's SHA-256 is kept, a
 * candidate has at most one link in force, and a revoked link stays
 * (revoked_at) so that the audit can name it.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('calendar_links')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('candidate_id', 'uuid', (c) =>
      c.notNull().references('candidates.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('calendar_links_token_hash_sha256', sql`octet_length(token_hash) = 32`)
    .addCheckConstraint(
      'calendar_links_revoked_after_creation',
      sql`revoked_at is null or revoked_at >= created_at`,
    )
    .execute();
  await db.schema
    .createIndex('calendar_links_one_in_force')
    .on('calendar_links')
    .column('candidate_id')
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('calendar_links').execute();
}
