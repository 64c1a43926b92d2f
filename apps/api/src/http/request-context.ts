import type { Request } from 'express';
import type { Kysely } from 'kysely';
import type { PasswordAdmission } from '../auth/password-admission.ts';
import { authenticate } from '../auth/session-activity.ts';
import { clientAddressOf } from './client-address.ts';
import { type Clock, systemClock } from '../clock.ts';
import { isDatabaseUnavailable } from '../db/database-error.ts';
import { DatabaseUnavailableError } from '../graphql/graphql-errors.ts';
import type { Database } from '../db/schema.ts';
import { type ApiConfig, type RequestContext, createLoaders } from '../context.ts';

export interface RequestContextOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly sessionClock?: Clock;
  readonly config: ApiConfig;
  readonly passwordAdmission: PasswordAdmission;
}

export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/**
 * The context of one request, GraphQL or document alike: the bearer token
 * checked on real time, the viewer's loaders, and one reading of the clock,
 * so a document shows exactly what GraphQL would show the same viewer at
 * the same instant.
 */
export async function requestContext(
  options: RequestContextOptions,
  req: Request,
): Promise<RequestContext> {
  const token = bearerToken(req.headers.authorization);
  const sessionClock = options.sessionClock ?? systemClock;
  let auth: Awaited<ReturnType<typeof authenticate>> = null;
  try {
    if (token !== null)
      auth = await authenticate(
        options.db,
        token,
        sessionClock.now(),
        options.config.sessionIdleMinutes,
      );
  } catch (error) {
    // Before any resolver runs: a typed 503, not a 500, so clients retry.
    if (isDatabaseUnavailable(error)) throw new DatabaseUnavailableError();
    throw error;
  }
  const viewer = auth?.viewer ?? null;
  return {
    db: options.db,
    clock: options.clock,
    sessionClock,
    now: options.clock.now(),
    viewer,
    passwordChangeRequired: auth?.mustChangePassword ?? false,
    token: viewer === null ? null : token,
    clientAddress: clientAddressOf(req, options.config.webSecret),
    config: options.config,
    passwordAdmission: options.passwordAdmission,
    loaders: createLoaders(
      options.db,
      viewer,
      auth?.referenceRevision ?? null,
      auth?.ownCandidate ?? null,
    ),
  };
}
