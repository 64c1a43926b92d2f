import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  type ThrottleRecord,
  clearThrottle,
  loadThrottles,
  lockThrottle,
  recordLoginFailure,
} from '../repositories/accounts.repository.ts';
import {
  THROTTLE,
  delayGrowsFor,
  growingDelayUntil,
  limitFor,
  lockedUntil,
} from './login-throttle.ts';

/**
 * The one throttle in front of every check of a secret (log-in, change of
 * password, reset link): a guess made one way counts against the others,
 * so a session cannot serve as an unthrottled password oracle.
 */
export interface SecretAttempt {
  /** The throttle keys of this attempt (login-throttle.ts), account first. */
  readonly keys: readonly string[];
  readonly at: Date;
}

export interface ThrottleState {
  readonly records: readonly ThrottleRecord[];
  /** Until when the records lock the attempt; null: free. */
  readonly lockedUntil: Date | null;
}

/** The current records of the attempt's keys, and until when they lock it. */
export async function throttleState(
  db: Kysely<Database>,
  attempt: SecretAttempt,
): Promise<ThrottleState> {
  return throttleStateOf(await loadThrottles(db, attempt.keys), attempt.at);
}

/** The same, of records already read with the attempt's keys (log-in reads them with the account). */
export function throttleStateOf(records: readonly ThrottleRecord[], at: Date): ThrottleState {
  return { records, lockedUntil: lockedUntil(records, at) };
}

/**
 * Counts one wrong secret under every key of the attempt. Returns the end
 * of the lock when a key has just reached its limit, else null; below the
 * limit an account's key still waits a growing delay (login-throttle.ts).
 * Call it inside the transaction of whatever else the failure entails.
 */
export async function countFailure(
  trx: Kysely<Database>,
  attempt: SecretAttempt,
): Promise<Date | null> {
  let locked: Date | null = null;
  for (const key of attempt.keys) {
    const record = await recordLoginFailure(trx, key, attempt.at, THROTTLE.windowMs);
    if (record.failures >= limitFor(key)) {
      locked = new Date(attempt.at.getTime() + THROTTLE.lockMs);
      await lockThrottle(trx, key, locked);
    } else if (delayGrowsFor(key)) {
      const wait = growingDelayUntil(record.failures, attempt.at);
      if (wait !== null) await lockThrottle(trx, key, wait);
    }
  }
  return locked;
}

/** After a right secret: the account's failures are forgotten (the address's are not). */
export async function forgetFailures(
  db: Kysely<Database>,
  records: readonly ThrottleRecord[],
): Promise<void> {
  // Most successes have no failure to forget: no write for them.
  for (const record of records) if (delayGrowsFor(record.key)) await clearThrottle(db, record.key);
}
