import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../db/database-error.ts';
import { Overloaded, type PasswordAdmission } from '../auth/password-admission.ts';

/** Unexpected failures: GraphQL errors with a stable `extensions.code`. */
export class UnauthenticatedError extends GraphQLError {
  constructor() {
    super('Vous devez vous connecter.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = 'Vous n’avez pas accès à cette ressource.') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

export class BadUserInputError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'NOT_FOUND' } });
  }
}

/** HTTP 503 with Retry-After: the service is saturated, not the request wrong. */
export class ServiceOverloadedError extends GraphQLError {
  constructor(retryAfterSeconds: number) {
    super(
      `Le service est très sollicité. Réessayez dans ${retryAfterSeconds} seconde${retryAfterSeconds > 1 ? 's' : ''}.`,
      {
        extensions: {
          code: 'SERVICE_OVERLOADED',
          retryAfterSeconds,
          http: { status: 503, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
        },
      },
    );
  }
}

/** Runs password work through the admission queue; past capacity, a fast 503. */
export function admitted<T>(admission: PasswordAdmission, work: () => Promise<T>): Promise<T> {
  return overloadedAs503(() => admission.run(work));
}

/** Work that goes through the admission queue itself: its refusal becomes the same 503. */
export async function overloadedAs503<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Overloaded) throw new ServiceOverloadedError(error.retryAfterSeconds);
    throw error;
  }
}

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
export const DATABASE_UNAVAILABLE_MESSAGE =
  'Service momentanément indisponible : votre saisie n’a peut-être pas été enregistrée. Vérifiez-la, puis réessayez dans un instant.';
/** Seconds a client should wait before retrying after the database was out of reach. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** The database was out of reach: HTTP 503, retry shortly (db/database-error.ts). */
export class DatabaseUnavailableError extends GraphQLError {
  constructor() {
    super(DATABASE_UNAVAILABLE_MESSAGE, {
      extensions: {
        code: DATABASE_UNAVAILABLE,
        http: {
          status: 503,
          headers: new Map([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]),
        },
      },
    });
  }
}

/**
 * A resolver that lost the database fails with pg's own error: answer the
 * whole request with 503 and Retry-After, as when the session lookup fails.
 */
export function databaseUnavailableStatus(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors(rc) {
          if (rc.errors.some((e) => isDatabaseUnavailable(e))) {
            rc.response.http.status = 503;
            rc.response.http.headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
