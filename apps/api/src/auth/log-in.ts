import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  clearThrottle,
  findAccountByIdentifier,
  loadThrottles,
  lockThrottle,
  recordLoginFailure,
  type AccountRecord,
} from '../repositories/accounts.repository.ts';
import { countLogIn } from '../observability/login-metrics.ts';
import {
  THROTTLE,
  addressKey,
  growingDelayUntil,
  identifierKey,
  limitFor,
  lockedUntil,
} from './login-throttle.ts';
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
}

async function checkPasswordAndOpenSession(
  db: Kysely<Database>,
  input: LogInInput,
): Promise<LogInOutcome> {
  const keys = [identifierKey(input.identifier), addressKey(input.clientAddress)];
  const throttles = await loadThrottles(db, keys);
  const locked = lockedUntil(throttles, input.at);
  if (locked !== null) return { kind: 'locked', retryAfter: locked };

  const account = await findAccountByIdentifier(db, input.identifier.trim());
  const valid = await verifyPassword(input.password, account?.passwordHash ?? (await decoyHash()));
  if (account === null || !valid) {
    let retryAfter: Date | null = null;
    for (const key of keys) {
      const record = await recordLoginFailure(db, key, input.at, THROTTLE.windowMs);
      if (record.failures >= limitFor(key)) {
        retryAfter = new Date(input.at.getTime() + THROTTLE.lockMs);
        await lockThrottle(db, key, retryAfter);
      } else if (key === keys[0]) {
        const wait = growingDelayUntil(record.failures, input.at);
        if (wait !== null) await lockThrottle(db, key, wait);
      }
    }
    return retryAfter === null ? { kind: 'invalid' } : { kind: 'locked', retryAfter };
  }

  // Most log-ins have no failure to forget: no write for them.
  if (throttles.some((t) => t.key === keys[0])) await clearThrottle(db, keys[0] as string);
  const session = await openSession(db, {
    accountId: account.id,
    at: input.at,
    sessionHours: input.sessionHours,
  });
  return { kind: 'session', ...session, account };
}
