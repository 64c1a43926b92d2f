import { type Kysely, sql } from 'kysely';

/**
 * Account security: a forced change of imported initial passwords, idle
 * expiry of sessions, one-time password-reset links, throttling of resets,
 * and the reset e-mail in the outbox.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against the schema of their own time, not today's
type AnyDb = Kysely<any>;

const OUTBOX_KINDS_BEFORE = sql`('CHOICE_RECEIPT', 'CONVOCATION', 'FIRST_GROUP_PUBLISHED', 'SECOND_GROUP_PUBLISHED', 'WINDOW_REMINDER')`;
const OUTBOX_KINDS_AFTER = sql`('CHOICE_RECEIPT', 'CONVOCATION', 'FIRST_GROUP_PUBLISHED', 'SECOND_GROUP_PUBLISHED', 'WINDOW_REMINDER', 'PASSWORD_RESET')`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  // Null until the first request after log-in; idle time counts from
  // created_at until then.
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'timestamptz').execute();
  await db.schema
    .alterTable('sessions')
    .addCheckConstraint(
      'sessions_last_seen_after_creation',
      sql`last_seen_at is null or last_seen_at >= created_at`,
    )
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint('password_resets_token_hash_sha256', sql`octet_length(token_hash) = 32`)
    // A link lives 30 minutes at most (PASSWORD_RESET_TTL_MS).
    .addCheckConstraint(
      'password_resets_expiry',
      sql`expires_at > created_at and expires_at <= created_at + interval '30 minutes'`,
    )
    .addCheckConstraint(
      'password_resets_used_after_creation',
      sql`used_at is null or used_at >= created_at`,
    )
    .execute();
  await db.schema
    .createIndex('password_resets_account_idx')
    .on('password_resets')
    .column('account_id')
    .execute();

  await db.schema.alterTable('login_throttle').dropConstraint('login_throttle_key_kind').execute();
  await db.schema
    .alterTable('login_throttle')
    .addCheckConstraint('login_throttle_key_kind', sql`key ~ '^(id|ip|reset:id|reset:ip):.'`)
    .execute();

  await db.schema.alterTable('outbox').dropConstraint('outbox_kind').execute();
  await db.schema
    .alterTable('outbox')
    .addCheckConstraint('outbox_kind', sql`kind in ${OUTBOX_KINDS_AFTER}`)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.deleteFrom('outbox').where('kind', '=', 'PASSWORD_RESET').execute();
  await db.schema.alterTable('outbox').dropConstraint('outbox_kind').execute();
  await db.schema
    .alterTable('outbox')
    .addCheckConstraint('outbox_kind', sql`kind in ${OUTBOX_KINDS_BEFORE}`)
    .execute();
  await db.deleteFrom('login_throttle').where('key', 'like', 'reset:%').execute();
  await db.schema.alterTable('login_throttle').dropConstraint('login_throttle_key_kind').execute();
  await db.schema
    .alterTable('login_throttle')
    .addCheckConstraint('login_throttle_key_kind', sql`key ~ '^(id|ip):.'`)
    .execute();
  await db.schema.dropTable('password_resets').execute();
  await db.schema
    .alterTable('sessions')
    .dropConstraint('sessions_last_seen_after_creation')
    .execute();
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
  await db.schema.alterTable('accounts').dropColumn('must_change_password').execute();
}
