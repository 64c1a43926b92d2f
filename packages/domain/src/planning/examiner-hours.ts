import { endOfParisDay, parisWallTimeToInstant } from '../calendar/paris-time.ts';
import { DomainInputError } from '../errors.ts';

const HH_MM = /^\d{2}:\d{2}$/;

/**
 * A Paris wall time of `day` ("HH:mm") → the instant; "24:00" is the end of
 * the day (the next midnight), so that an examiner may be available until
 * the day ends. Throws DomainInputError on a malformed or non-existent time.
 */
export function examinerTimeOn(day: string, time: string): Date {
  if (time === '24:00') return endOfParisDay(day);
  if (!HH_MM.test(time)) {
    throw new DomainInputError(
      'MALFORMED_WALL_TIME',
      `Heure mal formée : « ${time} » (attendu HH:mm, par exemple 08:00).`,
    );
  }
  return parisWallTimeToInstant(`${day}T${time}`);
}
