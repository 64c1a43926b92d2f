import { DomainInputError } from '../errors.ts';

/**
 * Every instant enters the domain as a parameter (the domain never reads the
 * clock), so an `Invalid Date` would otherwise make every comparison false
 * and quietly pick a wrong phase or window state: refuse it instead.
 */
export function epochMillisecondsOf(d: Date): number {
  // A date string is no instant: which time zone it meant is a guess, and
  // `.getTime()` on it would be a TypeError rather than a refusal by name.
  const ms = d instanceof Date ? d.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new DomainInputError(
      'INVALID_INSTANT',
      'Instant invalide : une date (Date) valide est attendue.',
    );
  }
  return ms;
}
