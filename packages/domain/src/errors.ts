/**
 * Every code a `DomainInputError` may carry. A program branches on these, so
 * they are part of the package's contract: add to the list, never rename.
 */
export const DOMAIN_ERROR_CODES = [
  // Marks
  'INVALID_MARK',
  'INVALID_MARK_STATUS',
  'KEPT_MARK_BELOW_10',
  'UNKNOWN_MARK_CODE',
  // Control
  'INVALID_CONTROL_CHOICE',
  'UNKNOWN_TEST',
  // Instants, wall times and days
  'INVALID_INSTANT',
  'MALFORMED_WALL_TIME',
  'NONEXISTENT_WALL_TIME',
  'AMBIGUOUS_WALL_TIME',
  'MALFORMED_DATE',
  // Calendar
  'INVALID_CALENDAR',
  'UNKNOWN_SPECIALTY',
  'UNKNOWN_ACADEMY',
  'NO_ORAL_DAY',
  // Planning and statistics
  'INVALID_PLANNING_INPUT',
  'INVALID_EXTRA_PREPARATION',
  'INVALID_COUNT',
  'INVALID_FRACTION',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * Bad input given to the domain (a malformed calendar, an unknown specialty,
 * an impossible mark). `code` is stable for programs; `message` is French,
 * for people; `details` lists every problem found, not just the first.
 */
export class DomainInputError extends Error {
  readonly code: DomainErrorCode;
  readonly details: readonly string[];

  constructor(code: DomainErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'DomainInputError';
    this.code = code;
    this.details = details;
  }
}

/** True for a `DomainInputError` whose code is one of `DOMAIN_ERROR_CODES`. */
export function isDomainError(error: unknown): error is DomainInputError {
  return (
    error instanceof DomainInputError &&
    (DOMAIN_ERROR_CODES as readonly string[]).includes(error.code)
  );
}

/**
 * The one shape of a refusal: a rule said no to a well-formed request. Bad
 * input throws a `DomainInputError`; a refusal is an ordinary answer, so it
 * is returned. `refusal.code` is stable for programs; whatever else a
 * caller needs to explain it (a date, a French message) sits beside it.
 */
export interface Refused<R extends { readonly code: string }> {
  readonly ok: false;
  readonly refusal: R;
}

export function refuse<R extends { readonly code: string }>(refusal: R): Refused<R> {
  return { ok: false, refusal };
}
