import { Temporal } from 'temporal-polyfill';
import { DomainInputError } from '../errors.ts';
import { epochMillisecondsOf } from './valid-instant.ts';

/** The session's calendar is published in metropolitan French time. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

// Strict on purpose: Temporal's own parser also accepts offsets, zone
// annotations, lower-case separators and 6-digit years, which would make a
// typo in calendar data silently mean something else.
const WALL_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{3})?)?$/;
const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function parsePlainDateTime(wall: string): Temporal.PlainDateTime {
  if (WALL_TIME_PATTERN.test(wall)) {
    try {
      return Temporal.PlainDateTime.from(wall, { overflow: 'reject' });
    } catch {
      // Falls through: e.g. "2024-02-30T10:00" or "2024-07-01T24:00".
    }
  }
  throw new DomainInputError(
    'MALFORMED_WALL_TIME',
    `Heure de Paris mal formée : « ${wall} » (attendu AAAA-MM-JJTHH:mm, par exemple 2024-06-28T10:00).`,
  );
}

/**
 * A Paris wall time ("2024-06-28T10:00") → the instant it denotes.
 *
 * A calendar must not be ambiguous: a wall time that does not exist (the
 * spring-forward gap, e.g. 2025-03-30T02:30) or that happens twice (the
 * autumn fall-back overlap, e.g. 2025-10-26T02:30) is refused rather than
 * resolved by a guess ('reject' disambiguation).
 */
export function parisWallTimeToInstant(wall: string): Date {
  const plain = parsePlainDateTime(wall);
  try {
    const zoned = plain.toZonedDateTime(PARIS_TIME_ZONE, { disambiguation: 'reject' });
    return new Date(zoned.epochMilliseconds);
  } catch {
    // 'reject' throws the same RangeError for both cases; tell them apart
    // for the message: in an overlap the wall time exists (twice).
    const earlier = plain.toZonedDateTime(PARIS_TIME_ZONE, { disambiguation: 'earlier' });
    if (earlier.toPlainDateTime().equals(plain)) {
      throw new DomainInputError(
        'AMBIGUOUS_WALL_TIME',
        `L’heure de Paris « ${wall} » est ambiguë : elle a lieu deux fois lors du passage à l’heure d’hiver.`,
      );
    }
    throw new DomainInputError(
      'NONEXISTENT_WALL_TIME',
      `L’heure de Paris « ${wall} » n’existe pas : elle tombe dans le saut du passage à l’heure d’été.`,
    );
  }
}

/** The instant as a Temporal zoned date-time in Paris (for formatting, day arithmetic). */
export function parisZonedDateTimeOf(d: Date): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMillisecondsOf(d)).toZonedDateTimeISO(
    PARIS_TIME_ZONE,
  );
}

/**
 * An instant → its Paris wall time, "YYYY-MM-DDTHH:mm", with seconds (and
 * milliseconds) only when they are not zero, so that the result always reads
 * back to the same instant through `parisWallTimeToInstant` (except in the
 * autumn overlap, which that function refuses).
 */
export function instantToParisWallTime(d: Date): string {
  const plain = parisZonedDateTimeOf(d).toPlainDateTime();
  const smallestUnit =
    plain.millisecond !== 0 ? 'millisecond' : plain.second !== 0 ? 'second' : 'minute';
  return plain.toString({ smallestUnit });
}

/** The calendar day ("YYYY-MM-DD") in Paris at that instant. */
export function parisDateOf(d: Date): string {
  return parisZonedDateTimeOf(d).toPlainDate().toString();
}

/** Parses a strict "YYYY-MM-DD" calendar date; throws MALFORMED_DATE. */
export function parseCalendarDate(date: string): Temporal.PlainDate {
  if (CALENDAR_DATE_PATTERN.test(date)) {
    try {
      return Temporal.PlainDate.from(date, { overflow: 'reject' });
    } catch {
      // Falls through: e.g. "2024-06-31".
    }
  }
  throw new DomainInputError(
    'MALFORMED_DATE',
    `Date mal formée : « ${date} » (attendu AAAA-MM-JJ, par exemple 2024-07-03).`,
  );
}

/**
 * The first instant of a Paris calendar day. Midnight always exists in
 * Paris (the changes happen at 02:00 and 03:00), but Temporal's
 * `startOfDay` would stay right even if that ever changed.
 */
export function startOfParisDay(date: string): Date {
  const zoned = parseCalendarDate(date).toZonedDateTime({ timeZone: PARIS_TIME_ZONE });
  return new Date(zoned.epochMilliseconds);
}

/** The first instant of the Paris day after `date`: the day's exclusive end. */
export function endOfParisDay(date: string): Date {
  const zoned = parseCalendarDate(date)
    .add({ days: 1 })
    .toZonedDateTime({ timeZone: PARIS_TIME_ZONE });
  return new Date(zoned.epochMilliseconds);
}
