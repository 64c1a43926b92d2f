import { GraphQLError } from 'graphql';

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
