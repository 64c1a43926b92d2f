import { type Kysely, sql } from 'kysely';

/**
 * The bloc de compétences each test or part belongs to (art. D643-15: a
 * candidate not admitted keeps the blocks marked at least 10). Stored on
 * the unit's own row, as the structures file gives it: code and name
 * together or neither, and never on an optional test. The domain checks the
 * rest (a block's units, one name per block) before anything is written.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

const UNIT_TABLES = ['tests', 'test_parts'] as const;

export async function up(db: AnyDb): Promise<void> {
  for (const table of UNIT_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('block_code', 'text')
      .addColumn('block_name', 'text')
      .execute();
    await db.schema
      .alterTable(table)
      .addCheckConstraint(
        `${table}_block_named`,
        sql`(block_code is null) = (block_name is null) and block_code <> '' and block_name <> ''`,
      )
      .execute();
  }
  await db.schema
    .alterTable('tests')
    .addCheckConstraint('tests_optional_no_block', sql`not optional or block_code is null`)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('tests').dropConstraint('tests_optional_no_block').execute();
  for (const table of UNIT_TABLES) {
    await db.schema.alterTable(table).dropConstraint(`${table}_block_named`).execute();
    await db.schema.alterTable(table).dropColumn('block_code').dropColumn('block_name').execute();
  }
}
