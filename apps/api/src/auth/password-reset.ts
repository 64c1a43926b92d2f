import { PASSWORD_RESET_TTL_MS, checkPassword, passwordResetMessage } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  type AccountRecord,
  findAccountsByIds,
  findResetRecipient,
  loadThrottles,
  lockThrottle,
  recordLoginFailure,
} from '../repositories/accounts.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { enqueueNotifications } from '../repositories/outbox.repository.ts';
import {
  consumeReset,
  findLiveReset,
  insertPasswordReset,
} from '../repositories/password-reset.repository.ts';
import {
  THROTTLE,
  limitFor,
  lockedUntil,
  resetAddressKey,
  resetIdentifierKey,
} from './login-throttle.ts';
import { hashPassword } from './password.ts';
import { replacePassword } from './replace-password.ts';
import { countFailure, throttleState } from './secret-attempts.ts';
import { TOKEN_PREFIXES, hashToken, newToken } from './tokens.ts';

/** Counts one event under `key`; true while the key is within its limit. */
async function countUnderLimit(db: Kysely<Database>, key: string, at: Date): Promise<boolean> {
  const record = await recordLoginFailure(db, key, at, THROTTLE.windowMs);
  if (record.failures < limitFor(key)) return true;
  await lockThrottle(db, key, new Date(at.getTime() + THROTTLE.lockMs));
  return record.failures === limitFor(key);
}

/**
 * Sends a one-time reset link to the account's e-mail, if it has one. The
 * caller answers the same whatever happens here, so nobody learns whether
 * an identifier exists or has an address. Requests are throttled per
 * identifier (each may send an e-mail) and per address, silently.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  input: {
    readonly identifier: string;
    readonly clientAddress: string;
    readonly at: Date;
    readonly webOrigin: string;
  },
): Promise<void> {
  const identifier = input.identifier.trim();
  const keys = [resetIdentifierKey(identifier), resetAddressKey(input.clientAddress)];
  if (lockedUntil(await loadThrottles(db, keys), input.at) !== null) return;
  for (const key of keys) if (!(await countUnderLimit(db, key, input.at))) return;

  const recipient = await findResetRecipient(db, identifier);
  if (recipient?.email == null) return;
  const { account, email } = recipient;
  const token = newToken(TOKEN_PREFIXES.passwordReset);
  const tokenHash = hashToken(token);
  const expiresAt = new Date(input.at.getTime() + PASSWORD_RESET_TTL_MS);
  const link = `${input.webOrigin.replace(/\/+$/, '')}/mot-de-passe/reinitialiser?jeton=${encodeURIComponent(token)}`;
  await db.transaction().execute(async (trx) => {
    await insertPasswordReset(trx, {
      tokenHash,
      accountId: account.id,
      createdAt: input.at,
      expiresAt,
    });
    await enqueueNotifications(trx, [
      {
        kind: 'PASSWORD_RESET',
        dedupeKey: `password-reset:${tokenHash.toString('hex')}`,
        candidateId: account.candidateId,
        recipient: email,
        message: passwordResetMessage({ identifier: account.identifier, link, expiresAt }),
        at: input.at,
      },
    ]);
    await appendAudit(trx, {
      at: input.at,
      actorAccountId: null,
      actorRole: null,
      action: 'PASSWORD_RESET_REQUESTED',
      candidateId: account.candidateId,
      after: { accountId: account.id, expiresAt: expiresAt.toISOString() },
    });
  });
}

export type ResetPasswordOutcome =
  | {
      readonly kind: 'session';
      readonly token: string;
      readonly expiresAt: Date;
      readonly account: AccountRecord;
    }
  | { readonly kind: 'invalidToken' }
  | { readonly kind: 'weak'; readonly problems: readonly string[] }
  | { readonly kind: 'locked'; readonly retryAfter: Date };

/**
 * Sets a new password with a reset link: once, within 30 minutes. An
 * unknown, used or expired token all answer the same; failed tokens count
 * against the client address under the log-in throttle (secret-attempts.ts),
 * and the right token is refused too while the address is locked. Every session of the
 * account is revoked and a fresh one returned.
 */
export async function resetPassword(
  db: Kysely<Database>,
  input: {
    readonly token: string;
    readonly newPassword: string;
    readonly clientAddress: string;
    readonly at: Date;
    readonly sessionHours: number;
  },
): Promise<ResetPasswordOutcome> {
  const attempt = { keys: [resetAddressKey(input.clientAddress)], at: input.at };
  const { lockedUntil: locked } = await throttleState(db, attempt);
  if (locked !== null) return { kind: 'locked', retryAfter: locked };
  const invalid = async (): Promise<ResetPasswordOutcome> => {
    const lock = await db.transaction().execute((trx) => countFailure(trx, attempt));
    return lock === null ? { kind: 'invalidToken' } : { kind: 'locked', retryAfter: lock };
  };

  const tokenHash = hashToken(input.token);
  const live = await findLiveReset(db, tokenHash, input.at);
  const [account] = live === null ? [] : await findAccountsByIds(db, [live.accountId]);
  if (account === undefined) return invalid();
  // A weak password leaves the link usable: the person tries again.
  const check = checkPassword(input.newPassword, account.identifier);
  if (!check.ok) return { kind: 'weak', problems: check.refusal.problems };
  const passwordHash = await hashPassword(input.newPassword);

  const outcome = await db.transaction().execute(async (trx) => {
    // Consumed in the transaction that uses it: of two concurrent uses, one wins.
    if ((await consumeReset(trx, tokenHash, input.at)) === null) return null;
    const session = await replacePassword(trx, {
      account,
      passwordHash,
      at: input.at,
      sessionHours: input.sessionHours,
      action: 'PASSWORD_RESET',
    });
    return { kind: 'session' as const, ...session, account };
  });
  return outcome ?? invalid();
}
