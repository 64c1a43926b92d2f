import type { Temporal } from 'temporal-polyfill';
import { parisZonedDateTimeOf, parseCalendarDate } from './paris-time.ts';

/**
 * French dates and times for people, always in Paris time whatever the
 * process's zone.
 *
 * Names come from these tables rather than from Intl: the output is then the
 * same on every ICU version (ICU has changed its French spacing before), and
 * the « 1er » of the first of the month needs handling anyway.
 *
 * Spacing: ordinary spaces (U+0020) throughout, including in « 10 h 00 »,
 * so that the text can be compared, searched and pasted as is. A page that
 * must not break « 10 h 00 » across lines should style it (white-space:
 * nowrap) rather than rely on U+00A0.
 */

// Temporal's dayOfWeek: 1 = Monday … 7 = Sunday.
const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

function formatPlainDate(date: Temporal.PlainDate): string {
  const weekday = WEEKDAYS[date.dayOfWeek - 1] ?? '';
  const month = MONTHS[date.month - 1] ?? '';
  // French typography: the first of the month is an ordinal (« 1er juillet »).
  const day = date.day === 1 ? '1er' : String(date.day);
  return `${weekday} ${day} ${month} ${date.year}`;
}

/** « mercredi 3 juillet 2024 », from an instant (its Paris day) or a "YYYY-MM-DD" day. */
export function formatParisDate(d: Date | string): string {
  const date = typeof d === 'string' ? parseCalendarDate(d) : parisZonedDateTimeOf(d).toPlainDate();
  return formatPlainDate(date);
}

function formatZonedTime(zoned: Temporal.ZonedDateTime): string {
  return `${zoned.hour} h ${String(zoned.minute).padStart(2, '0')}`;
}

/** « 10 h 00 », « 9 h 05 »: hours unpadded, minutes on two digits (French usage). */
export function formatParisTime(d: Date): string {
  return formatZonedTime(parisZonedDateTimeOf(d));
}

/**
 * The texts already made, by instant: every page of a specialty's candidates
 * shows the same few instants (its windows, its publications, its oral
 * days), and converting an instant to Paris time is the costly part. Bounded:
 * emptied when full, so any instant may come, the memory does not grow.
 */
const dateTimeTexts = new Map<number, string>();
const DATE_TIME_TEXTS_LIMIT = 1024;

/** « lundi 1er juillet 2024 à 10 h 00 ». Seconds are not shown. */
export function formatParisDateTime(d: Date): string {
  const at = d.getTime();
  let text = dateTimeTexts.get(at);
  if (text === undefined) {
    // One conversion to Paris time for both halves.
    const zoned = parisZonedDateTimeOf(d);
    text = `${formatPlainDate(zoned.toPlainDate())} à ${formatZonedTime(zoned)}`;
    if (dateTimeTexts.size >= DATE_TIME_TEXTS_LIMIT) dateTimeTexts.clear();
    dateTimeTexts.set(at, text);
  }
  return text;
}
