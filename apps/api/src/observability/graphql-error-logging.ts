import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { Logger } from './logger.ts';

// The Apollo context type belongs to context.ts; the logger of its
// request rides on it under a symbol rather than in its type. (A symbol
// property, not a WeakMap: Apollo shallow-copies the context per operation.)
const REQUEST_LOGGER = Symbol('requestLogger');

export function attachRequestLogger(context: object, logger: Logger): void {
  Object.defineProperty(context, REQUEST_LOGGER, { value: logger, enumerable: true });
}

function loggerOf(context: object): Logger | undefined {
  const logger: unknown = (context as Record<symbol, unknown>)[REQUEST_LOGGER];
  return logger === undefined ? undefined : (logger as Logger);
}

function codeOf(error: GraphQLError): string {
  const own = error.extensions['code'];
  if (typeof own === 'string') return own;
  const original: unknown = error.originalError;
  if (typeof original === 'object' && original !== null && 'extensions' in original) {
    const extensions = original.extensions;
    if (typeof extensions === 'object' && extensions !== null && 'code' in extensions) {
      const code = extensions.code;
      if (typeof code === 'string') return code;
    }
  }
  return 'INTERNAL_SERVER_ERROR';
}

/** A PostgreSQL error's SQLSTATE (5 characters), which says what failed without quoting data. */
function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Logs every GraphQL error with its code and the request id (bound in the
 * request's logger). In production an error's message, SQL and stack stay
 * out of the logs, as they stay out of responses (server.ts formatError):
 * the code, path, error class and SQLSTATE are enough to find the request.
 */
export function graphqlErrorLogging(options: {
  readonly production: boolean;
  readonly fallback: Logger;
}): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors(rc) {
          const logger = loggerOf(rc.contextValue) ?? options.fallback;
          for (const error of rc.errors) {
            const code = codeOf(error);
            const internal = code === 'INTERNAL_SERVER_ERROR';
            const original = error.originalError;
            const entry: Record<string, unknown> = {
              graphqlError: {
                code,
                path: error.path?.join('.'),
                operation: rc.operationName ?? undefined,
                errorClass: original?.name,
                sqlState: sqlStateOf(original),
              },
            };
            if (!options.production) {
              entry['errorMessage'] = original?.message ?? error.message;
              entry['stack'] = original?.stack ?? error.stack;
            } else if (!internal) {
              // Expected errors carry our own French messages, nothing internal.
              entry['errorMessage'] = error.message;
            }
            if (internal) logger.error(entry, 'graphql error');
            else logger.info(entry, 'graphql error');
          }
          return Promise.resolve();
        },
      });
    },
  };
}
