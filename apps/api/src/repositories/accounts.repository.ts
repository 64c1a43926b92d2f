import { type Kysely, sql } from 'kysely';
import type { Role, Viewer } from '../access/viewer.ts';
import type { Database } from '../db/schema.ts';
import { precompiled } from '../db/precompiled-query.ts';
import { anyId } from './any-id.ts';
import { type OwnCandidate, ownCandidateColumn, ownCandidateOf } from './candidates.repository.ts';

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

const accountWithThrottles = precompiled(
  (db, identifier: string, keys: readonly string[]) =>
    db
      .selectFrom(db.selectNoFrom(sql.lit(1).as('one')).as('one'))
      .leftJoin('accounts as a', (join) => join.on('a.identifier', '=', identifier))
      .leftJoin('login_throttle as t', (join) =>
        join.on('t.key', '=', sql<string>`any(${keys}::text[])`),
      )
      .select([...ACCOUNT_COLUMNS, 't.key', 't.failures', 't.first_failure_at', 't.locked_until']),
  2,
);

/**
 * The account an identifier names (null if none) and the throttle records
 * of some keys, in one statement: a log-in's first round trip to the
 * database, where two cost each request a second system call and wake-up.
 */
export async function findAccountWithThrottles(
  db: Kysely<Database>,
  identifier: string,
  keys: readonly string[],
): Promise<{ readonly account: AccountRecord | null; readonly throttles: ThrottleRecord[] }> {
  // One row per record found (at least one row): the account repeats on each.
  const rows = await accountWithThrottles(db, identifier, keys);
  const a = rows[0];
  // The left join's account columns are null together: no account by that identifier.
  const account =
    a === undefined ||
    a.id === null ||
    a.identifier === null ||
    a.password_hash === null ||
    a.role === null
      ? null
      : toAccount({
          id: a.id,
          identifier: a.identifier,
          password_hash: a.password_hash,
          role: a.role,
          candidate_id: a.candidate_id,
          school_uai: a.school_uai,
          academy_code: a.academy_code,
        });
  const throttles = rows.flatMap(({ key, failures, first_failure_at, locked_until }) =>
    key === null || failures === null || first_failure_at === null
      ? []
      : [toThrottle({ key, failures, first_failure_at, locked_until })],
  );
  return { account, throttles };
}

export async function findAccountsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<AccountRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('accounts as a')
    .select(ACCOUNT_COLUMNS)
    .where('a.id', '=', anyId(ids))
    .execute();
  return rows.map(toAccount);
}

// Every log-in writes one: compiled once (db/precompiled-query.ts).
const insertSession = precompiled(
  (db, tokenHash: Buffer, accountId: string, createdAt: Date, expiresAt: Date) =>
    db.insertInto('sessions').values({
      token_hash: tokenHash,
      account_id: accountId,
      created_at: createdAt,
      // Seen now: the requests of the first minute need not write it.
      last_seen_at: createdAt,
      expires_at: expiresAt,
    }),
  4,
);

export async function createSession(
  db: Kysely<Database>,
  session: {
    readonly tokenHash: Buffer;
    readonly accountId: string;
    readonly createdAt: Date;
    readonly expiresAt: Date;
  },
): Promise<void> {
  await insertSession(
    db,
    session.tokenHash,
    session.accountId,
    session.createdAt,
    session.expiresAt,
  );
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

/** Who an account is, as a request's viewer. */
export function toViewer(row: AccountRecord, via: Viewer['via']): Viewer {
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

function toThrottle(r: {
  key: string;
  failures: number;
  first_failure_at: Date;
  locked_until: Date | null;
}): ThrottleRecord {
  return {
    key: r.key,
    failures: r.failures,
    firstFailureAt: r.first_failure_at,
    lockedUntil: r.locked_until,
  };
}

export async function loadThrottles(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<ThrottleRecord[]> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return rows.map(toThrottle);
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
  return toThrottle(row);
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

/**
 * Creates an académie account (ACADEMY or PILOT) unless its identifier is
 * taken; null when it is (the unique constraint decides, so two concurrent
 * creations cannot both succeed).
 */
export async function insertAcademyAccount(
  db: Kysely<Database>,
  account: {
    readonly identifier: string;
    readonly passwordHash: string;
    readonly role: 'ACADEMY' | 'PILOT';
    readonly academyCode: string;
    readonly createdAt: Date;
  },
): Promise<AccountRecord | null> {
  const row = await db
    .insertInto('accounts')
    .values({
      identifier: account.identifier,
      password_hash: account.passwordHash,
      role: account.role,
      academy_code: account.academyCode,
      candidate_id: null,
      school_uai: null,
      created_at: account.createdAt,
      // The generated password is handed over to the académie: changed at first log-in.
      must_change_password: true,
    })
    .onConflict((oc) => oc.column('identifier').doNothing())
    .returning([
      'id',
      'identifier',
      'password_hash',
      'role',
      'candidate_id',
      'school_uai',
      'academy_code',
    ])
    .executeTakeFirst();
  return row === undefined ? null : toAccount(row);
}

/** A live session's or API token's viewer, with what the request needs to enforce account security. */
export interface AuthenticatedRecord {
  readonly viewer: Viewer;
  readonly mustChangePassword: boolean;
  /** Sessions only: the last request seen (null before the first); null for API tokens. */
  readonly lastSeenAt: Date | null;
  /**
   * Sessions only: the reference data's revision, read in the same
   * statement to spare every request a round trip (services/reference-cache.ts).
   */
  readonly referenceRevision: bigint | null;
  /** Candidate sessions: the account's own candidate and their first-group facts, read in the same statement. */
  readonly ownCandidate: OwnCandidate | null;
}

const liveSession = precompiled(
  (db, tokenHash: Buffer, at: Date, idleSince: Date) =>
    db
      .selectFrom('sessions as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .select([...ACCOUNT_COLUMNS, 'a.must_change_password', 's.last_seen_at'])
      .select((eb) =>
        eb.selectFrom('reference_revision').select('revision').as('reference_revision'),
      )
      .select(ownCandidateColumn)
      .where('s.token_hash', '=', tokenHash)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', at)
      .where((eb) => eb(eb.fn.coalesce('s.last_seen_at', 's.created_at'), '>', idleSince)),
  3,
);

const liveApiToken = precompiled(
  (db, tokenHash: Buffer, at: Date) =>
    db
      .selectFrom('api_tokens as t')
      .innerJoin('accounts as a', 'a.id', 't.account_id')
      .select([...ACCOUNT_COLUMNS, 'a.must_change_password'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', at)])),
  2,
);

/**
 * The account behind a session token: a live session (not revoked, before
 * its absolute expiry, used since `idleSince`: idle expiry). Judged on the
 * session clock (`at`). Every request asks it: the statement is compiled
 * once (db/precompiled-query.ts).
 */
export async function findLiveSession(
  db: Kysely<Database>,
  tokenHash: Buffer,
  at: Date,
  idleSince: Date,
): Promise<AuthenticatedRecord | null> {
  const [session] = await liveSession(db, tokenHash, at, idleSince);
  return session === undefined
    ? null
    : {
        viewer: toViewer(toAccount(session), 'session'),
        mustChangePassword: session.must_change_password,
        lastSeenAt: session.last_seen_at,
        referenceRevision:
          session.reference_revision === null ? null : BigInt(session.reference_revision),
        ownCandidate: ownCandidateOf(session.own_candidate),
      };
}

/** The account behind a live académie API token (not revoked, not expired at `at`). */
export async function findLiveApiToken(
  db: Kysely<Database>,
  tokenHash: Buffer,
  at: Date,
): Promise<AuthenticatedRecord | null> {
  const [token] = await liveApiToken(db, tokenHash, at);
  return token === undefined
    ? null
    : {
        viewer: toViewer(toAccount(token), 'apiToken'),
        mustChangePassword: token.must_change_password,
        lastSeenAt: null,
        referenceRevision: null,
        ownCandidate: null,
      };
}

/** Records activity on a session (idle expiry); never moves last_seen_at back. */
export async function touchSession(
  db: Kysely<Database>,
  tokenHash: Buffer,
  at: Date,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('token_hash', '=', tokenHash)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', at)]))
    .where('created_at', '<=', at)
    .execute();
}

/** Revokes every live session of an account; returns how many. */
export async function revokeAccountSessions(
  db: Kysely<Database>,
  accountId: string,
  at: Date,
): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Stores a new password hash; the forced change at first log-in is then done. */
export async function setPasswordHash(
  db: Kysely<Database>,
  accountId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, must_change_password: false })
    .where('id', '=', accountId)
    .execute();
}

export async function mustChangePassword(
  db: Kysely<Database>,
  accountId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('must_change_password')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.must_change_password ?? false;
}

/** An account and the address a reset link may go to: a candidate's e-mail, if any. */
export async function findResetRecipient(
  db: Kysely<Database>,
  identifier: string,
): Promise<{ readonly account: AccountRecord; readonly email: string | null } | null> {
  const row = await db
    .selectFrom('accounts as a')
    .leftJoin('candidates as c', 'c.id', 'a.candidate_id')
    .select([...ACCOUNT_COLUMNS, 'c.email'])
    .where('a.identifier', '=', identifier)
    .executeTakeFirst();
  return row === undefined ? null : { account: toAccount(row), email: row.email };
}
