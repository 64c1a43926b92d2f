import { GraphQLError } from 'graphql';
import { Overloaded, type PasswordAdmission } from '../auth/password-admission.ts';

/** Unexpected failures: GraphQL errors with a stable `extensions.code`. */
export class UnauthenticatedError extends GraphQLError {
  constructor() {
    super('Vous devez vous connecter.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = "Vous n'avez pas accès à cette ressource.") {
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
export async function admitted<T>(
  admission: PasswordAdmission,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await admission.run(work);
  } catch (error) {
    if (error instanceof Overloaded) throw new ServiceOverloadedError(error.retryAfterSeconds);
    throw error;
  }
}
