import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  type AuthenticatedRecord,
  findLiveApiToken,
  findLiveSession,
  touchSession,
} from '../repositories/accounts.repository.ts';
import { DEFAULT_SESSION_IDLE_MINUTES } from './session-lifetime.ts';
import { bearerKind, hashToken } from './tokens.ts';

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
  // The prefix says which table to read: one statement per request, none
  // for a token this API never issued.
  const kind = bearerKind(token);
  if (kind === null) return null;
  const tokenHash = hashToken(token);
  if (kind === 'apiToken') return findLiveApiToken(db, tokenHash, at);
  const idleSince = new Date(at.getTime() - idleMinutes * 60_000);
  const found = await findLiveSession(db, tokenHash, at, idleSince);
  if (found === null) return null;
  if (found.lastSeenAt === null || at.getTime() - found.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
    await touchSession(db, tokenHash, at);
  return found;
}
