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
