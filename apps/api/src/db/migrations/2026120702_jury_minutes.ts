import { type Kysely, sql } from 'kysely';

/**
 * The juries (who sat, when they deliberated) that the minutes of a
 * deliberation print, one per specialty and stage; and the signed minutes
 * the pilot académie archives, scanned: each upload a new version with its
 * SHA-256, which nothing may change or remove afterwards (a trigger refuses
 * it), so an archived minute is the one that was signed.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('juries')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('president', 'text', (c) => c.notNull())
    .addColumn('members', 'jsonb', (c) => c.notNull())
    .addColumn('deliberated_on', 'date', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('juries_pkey', ['year', 'specialty_code', 'stage'])
    .addForeignKeyConstraint(
      'juries_specialty_fkey',
      ['year', 'specialty_code'],
      'specialties',
      ['year', 'code'],
      (c) => c.onDelete('cascade'),
    )
    .addCheckConstraint('juries_stage', sql`stage in ('FIRST_GROUP', 'FINAL')`)
    .addCheckConstraint('juries_president_not_blank', sql`btrim(president) <> ''`)
    .addCheckConstraint('juries_members_array', sql`jsonb_typeof(members) = 'array'`)
    .execute();

  await db.schema
    .createTable('signed_minutes')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('pdf', 'bytea', (c) => c.notNull())
    .addColumn('archived_at', 'timestamptz', (c) => c.notNull())
    .addColumn('archived_by_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addUniqueConstraint('signed_minutes_version', ['year', 'specialty_code', 'stage', 'version'])
    .addUniqueConstraint('signed_minutes_once', ['year', 'specialty_code', 'stage', 'sha256'])
    .addForeignKeyConstraint(
      'signed_minutes_specialty_fkey',
      ['year', 'specialty_code'],
      'specialties',
      ['year', 'code'],
    )
    .addCheckConstraint('signed_minutes_stage', sql`stage in ('FIRST_GROUP', 'FINAL')`)
    .addCheckConstraint('signed_minutes_version_positive', sql`version > 0`)
    .addCheckConstraint('signed_minutes_sha256_hex', sql`sha256 ~ '^[0-9a-f]{64}$'`)
    .addCheckConstraint('signed_minutes_not_empty', sql`octet_length(pdf) > 0`)
    .execute();

  await sql`
    create function signed_minutes_are_kept() returns trigger language plpgsql as $$
    begin
      raise exception 'an archived signed minute is never changed nor removed'
        using errcode = 'restrict_violation';
    end $$`.execute(db);
  await sql`
    create trigger signed_minutes_are_kept before update or delete on signed_minutes
    for each row execute function signed_minutes_are_kept()`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('signed_minutes').execute();
  await sql`drop function signed_minutes_are_kept()`.execute(db);
  await db.schema.dropTable('juries').execute();
}
