import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  findAccountWithThrottles,
  type AccountRecord,
} from '../repositories/accounts.repository.ts';
import { countLogIn } from '../observability/login-metrics.ts';
import type { PasswordAdmission } from './password-admission.ts';
import { addressKey, identifierKey } from './login-throttle.ts';
import { countFailure, forgetFailures, throttleStateOf } from './secret-attempts.ts';
import { decoyHash, verifyPassword } from './password.ts';
import { openSession } from './open-session.ts';

export type LogInOutcome =
  | {
      readonly kind: 'session';
      readonly token: string;
      readonly expiresAt: Date;
      readonly account: AccountRecord;
    }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'locked'; readonly retryAfter: Date };

/**
 * Checks a password and opens a session. Answers the same, in about the
 * same time, whether or not the identifier exists (a decoy hash is verified
 * for unknown identifiers), and refuses while either key is locked.
 */
export async function logIn(db: Kysely<Database>, input: LogInInput): Promise<LogInOutcome> {
  const outcome = await checkPasswordAndOpenSession(db, input);
  countLogIn(db, outcome.kind);
  return outcome;
}

interface LogInInput {
  readonly identifier: string;
  readonly password: string;
  readonly clientAddress: string;
  readonly at: Date;
  readonly sessionHours: number;
  /** Bounds the argon2id check (it throws Overloaded when saturated). */
  readonly admission: PasswordAdmission;
}

async function checkPasswordAndOpenSession(
  db: Kysely<Database>,
  input: LogInInput,
): Promise<LogInOutcome> {
  const attempt = {
    keys: [identifierKey(input.identifier), addressKey(input.clientAddress)],
    at: input.at,
  };
  // The account is read with the throttle, even when the throttle then
  // refuses: one round trip instead of two for every log-in.
  const { account, throttles } = await findAccountWithThrottles(
    db,
    input.identifier.trim(),
    attempt.keys,
  );
  const throttle = throttleStateOf(throttles, attempt.at);
  if (throttle.lockedUntil !== null) return { kind: 'locked', retryAfter: throttle.lockedUntil };

  const hash = account?.passwordHash ?? (await decoyHash());
  // Only the check holds a slot: while a log-in's statements wait on
  // PostgreSQL a slot around them would leave argon2's threads idle, and a
  // slot's duration would then measure the database, not the check.
  const valid = await input.admission.run(() => verifyPassword(input.password, hash));
  if (account === null || !valid) {
    const locked = await db.transaction().execute((trx) => countFailure(trx, attempt));
    return locked === null ? { kind: 'invalid' } : { kind: 'locked', retryAfter: locked };
  }

  await forgetFailures(db, throttle.records);
  const session = await openSession(db, {
    accountId: account.id,
    at: input.at,
    sessionHours: input.sessionHours,
  });
  return { kind: 'session', ...session, account };
}
