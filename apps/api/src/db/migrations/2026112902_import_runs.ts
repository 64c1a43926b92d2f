import { type Kysely, sql } from 'kysely';

/**
 * One row per accepted CSV import (a refused file changes nothing, so it
 * leaves no row; the CLI and the mutation report it instead). The counts
 * must add up, so a run cannot be recorded with numbers that contradict
 * each other.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().references('exam_sessions.year'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    // Null when run from the command line (the operator is on the server).
    .addColumn('actor_account_id', 'uuid')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'import_runs_kind',
      sql`kind in ('SCHOOLS', 'CANDIDATES', 'STRUCTURES', 'MARKS', 'CONTROL_MARKS')`,
    )
    .addCheckConstraint('import_runs_sha256_hex', sql`file_sha256 ~ '^[0-9a-f]{64}$'`)
    .addCheckConstraint(
      'import_runs_counts_non_negative',
      sql`inserted >= 0 and updated >= 0 and unchanged >= 0`,
    )
    .addCheckConstraint('import_runs_counts_add_up', sql`inserted + updated + unchanged = rows`)
    .execute();
  await db.schema
    .createIndex('import_runs_year_kind_idx')
    .on('import_runs')
    .columns(['year', 'kind', 'at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_runs').execute();
}
