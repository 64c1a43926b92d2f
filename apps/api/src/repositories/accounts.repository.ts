import type { Kysely } from 'kysely';
import type { Role, Viewer } from '../access/viewer.ts';
import type { Database } from '../db/schema.ts';

export interface AccountRecord {
  readonly id: string;
  readonly identifier: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly candidateId: string | null;
  readonly schoolUai: string | null;
  readonly academyCode: string | null;
}

const ACCOUNT_COLUMNS = [
  'a.id',
  'a.identifier',
  'a.password_hash',
  'a.role',
  'a.candidate_id',
  'a.school_uai',
  'a.academy_code',
] as const;

function toAccount(r: {
  id: string;
  identifier: string;
  password_hash: string;
  role: Role;
  candidate_id: string | null;
  school_uai: string | null;
  academy_code: string | null;
}): AccountRecord {
  return {
    id: r.id,
    identifier: r.identifier,
    passwordHash: r.password_hash,
    role: r.role,
    candidateId: r.candidate_id,
    schoolUai: r.school_uai,
    academyCode: r.academy_code,
  };
}

export async function findAccountByIdentifier(
  db: Kysely<Database>,
  identifier: string,
): Promise<AccountRecord | null> {
  const row = await db
    .selectFrom('accounts as a')
    .select(ACCOUNT_COLUMNS)
    .where('a.identifier', '=', identifier)
    .executeTakeFirst();
  return row === undefined ? null : toAccount(row);
}

export async function findAccountsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<AccountRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('accounts as a')
    .select(ACCOUNT_COLUMNS)
    .where('a.id', 'in', ids)
    .execute();
  return rows.map(toAccount);
}

export async function createSession(
  db: Kysely<Database>,
  session: {
    readonly tokenHash: Buffer;
    readonly accountId: string;
    readonly createdAt: Date;
    readonly expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      account_id: session.accountId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function revokeSession(
  db: Kysely<Database>,
  tokenHash: Buffer,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function toViewer(row: AccountRecord, via: Viewer['via']): Viewer {
  return {
    accountId: row.id,
    identifier: row.identifier,
    role: row.role,
    candidateId: row.candidateId,
    schoolUai: row.schoolUai,
    academyCode: row.academyCode,
    via,
  };
}

/**
 * The viewer behind a bearer token: a live session, or else a live académie
 * API token. Expiry is judged against the server clock (`at`).
 */
export async function findViewerByTokenHash(
  db: Kysely<Database>,
  tokenHash: Buffer,
  at: Date,
): Promise<Viewer | null> {
  const session = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(ACCOUNT_COLUMNS)
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', at)
    .executeTakeFirst();
  if (session !== undefined) return toViewer(toAccount(session), 'session');
  const token = await db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(ACCOUNT_COLUMNS)
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', at)]))
    .executeTakeFirst();
  return token === undefined ? null : toViewer(toAccount(token), 'apiToken');
}

export async function createApiToken(
  db: Kysely<Database>,
  token: {
    readonly tokenHash: Buffer;
    readonly accountId: string;
    readonly accountRole: 'ACADEMY' | 'PILOT';
    readonly label: string;
    readonly createdAt: Date;
    readonly expiresAt: Date | null;
  },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      token_hash: token.tokenHash,
      account_id: token.accountId,
      account_role: token.accountRole,
      label: token.label,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

export interface ThrottleRecord {
  readonly key: string;
  readonly failures: number;
  readonly firstFailureAt: Date;
  readonly lockedUntil: Date | null;
}

export async function loadThrottles(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<ThrottleRecord[]> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return rows.map((r) => ({
    key: r.key,
    failures: r.failures,
    firstFailureAt: r.first_failure_at,
    lockedUntil: r.locked_until,
  }));
}

/**
 * Counts one failed log-in under `key`, atomically (concurrent attempts
 * cannot slip under the limit). A count older than `windowMs` starts over.
 */
export async function recordLoginFailure(
  db: Kysely<Database>,
  key: string,
  at: Date,
  windowMs: number,
): Promise<ThrottleRecord> {
  const windowStart = new Date(at.getTime() - windowMs);
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, first_failure_at: at, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_throttle.first_failure_at', '<', windowStart)
          .then(1)
          .else(eb('login_throttle.failures', '+', 1))
          .end(),
        first_failure_at: eb
          .case()
          .when('login_throttle.first_failure_at', '<', windowStart)
          .then(at)
          .else(eb.ref('login_throttle.first_failure_at'))
          .end(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    key: row.key,
    failures: row.failures,
    firstFailureAt: row.first_failure_at,
    lockedUntil: row.locked_until,
  };
}

export async function lockThrottle(db: Kysely<Database>, key: string, until: Date): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ locked_until: until })
    .where('key', '=', key)
    .execute();
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
