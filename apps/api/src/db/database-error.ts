/**
 * What PostgreSQL said about a failed statement, read the same way from pg
 * and PGlite errors (both carry the server's SQLSTATE and constraint name).
 */
export interface DatabaseErrorInfo {
  /** SQLSTATE, e.g. "23505" unique_violation, "23514" check_violation. */
  code: string;
  /** The violated constraint's name, when there is one (the migration names them all). */
  constraint: string | undefined;
  message: string;
}

export const SQLSTATE = {
  UNIQUE_VIOLATION: '23505',
  FOREIGN_KEY_VIOLATION: '23503',
  CHECK_VIOLATION: '23514',
  NOT_NULL_VIOLATION: '23502',
  INSUFFICIENT_PRIVILEGE: '42501',
} as const;

export function databaseErrorOf(error: unknown): DatabaseErrorInfo | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint, message } = error as {
    code?: unknown;
    constraint?: unknown;
    message?: unknown;
  };
  // SQLSTATEs are five characters; Node's own errors use other codes (ECONNREFUSED…).
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return {
    code,
    constraint: typeof constraint === 'string' ? constraint : undefined,
    message: typeof message === 'string' ? message : '',
  };
}

/** Whether the error is the violation of that named constraint. */
export function violates(error: unknown, constraint: string): boolean {
  return databaseErrorOf(error)?.constraint === constraint;
}

/** SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now). */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3])$/;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
// node-postgres's own connection failures carry no code, only these messages.
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)|not queryable/;

/**
 * Whether the database was out of reach (restart, failover, a cut
 * connection): the request failed for no fault of its own and may be
 * retried. Looks through GraphQL's and Kysely's wrappers.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, message, originalError, cause } = current as Record<string, unknown>;
    if (
      typeof code === 'string' &&
      (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code))
    )
      return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    current = originalError ?? cause;
  }
  return false;
}
