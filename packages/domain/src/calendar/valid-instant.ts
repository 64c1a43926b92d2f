import { DomainInputError } from '../errors.ts';

/**
 * Every instant enters the domain as a parameter (the domain never reads the
 * clock), so an `Invalid Date` would otherwise make every comparison false
 * and quietly pick a wrong phase or window state: refuse it instead.
 */
export function epochMillisecondsOf(d: Date): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) {
    throw new DomainInputError('INVALID_INSTANT', 'Instant invalide (date non valide).');
  }
  return ms;
}
