import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  type AuthenticatedRecord,
  findAuthenticatedByTokenHash,
  touchSession,
} from '../repositories/accounts.repository.ts';
import { hashToken } from './tokens.ts';

export const DEFAULT_SESSION_IDLE_MINUTES = 30;

/**
 * Activity is written at most once a minute per session: idle expiry needs
 * no finer grain, and a write on every request would turn reads into writes.
 */
export const TOUCH_EVERY_MS = 60_000;

/**
 * The viewer behind a bearer token at `at` (session clock). A session ends
 * after `idleMinutes` without a request (ANSSI recommends a limited
 * inactivity period), and at its absolute `expires_at`.
 */
export async function authenticate(
  db: Kysely<Database>,
  token: string,
  at: Date,
  idleMinutes: number = DEFAULT_SESSION_IDLE_MINUTES,
): Promise<AuthenticatedRecord | null> {
  const tokenHash = hashToken(token);
  const idleSince = new Date(at.getTime() - idleMinutes * 60_000);
  const found = await findAuthenticatedByTokenHash(db, tokenHash, at, idleSince);
  if (found === null || found.viewer.via !== 'session') return found;
  if (found.lastSeenAt === null || at.getTime() - found.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
    await touchSession(db, tokenHash, at);
  return found;
}
