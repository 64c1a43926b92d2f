import { type Kysely, sql } from 'kysely';

/**
 * A session's calendar may be amended (results instant, window, oral day):
 * the candidates it concerns get a notice of their own kind.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

const KINDS_BEFORE = sql`('CHOICE_RECEIPT', 'CONVOCATION', 'FIRST_GROUP_PUBLISHED', 'SECOND_GROUP_PUBLISHED', 'WINDOW_REMINDER', 'PASSWORD_RESET')`;
const KINDS_AFTER = sql`('CHOICE_RECEIPT', 'CONVOCATION', 'FIRST_GROUP_PUBLISHED', 'SECOND_GROUP_PUBLISHED', 'WINDOW_REMINDER', 'PASSWORD_RESET', 'CALENDAR_AMENDED')`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('outbox').dropConstraint('outbox_kind').execute();
  await db.schema
    .alterTable('outbox')
    .addCheckConstraint('outbox_kind', sql`kind in ${KINDS_AFTER}`)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.deleteFrom('outbox').where('kind', '=', 'CALENDAR_AMENDED').execute();
  await db.schema.alterTable('outbox').dropConstraint('outbox_kind').execute();
  await db.schema
    .alterTable('outbox')
    .addCheckConstraint('outbox_kind', sql`kind in ${KINDS_BEFORE}`)
    .execute();
}
