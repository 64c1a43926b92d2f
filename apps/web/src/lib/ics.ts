/**
 * A small iCalendar (RFC 5545) writer, enough for the convocations: one
 * VCALENDAR of VEVENTs with UTC times. Lines end with CRLF and are folded at
 * 75 octets; text values are escaped.
 */

/**
 * When an event happens: a span of time, an instant (a publication: no
 * end, RFC 5545 §3.6.1), or a whole calendar day (an oral day, the same
 * date wherever the calendar is read).
 */
export type IcsWhen =
  { readonly start: Date; readonly end: Date } | { readonly at: Date } | { readonly day: string };

export type IcsEvent = IcsWhen & {
  /** Stable across downloads, so a calendar updates the event instead of duplicating it. */
  readonly uid: string;
  /** When this description of the event was produced. */
  readonly stamp: Date;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
};

/** The product identifier of every calendar this site writes. */
export const SITE_PROD_ID = '-//Académie de Reims//Épreuves de contrôle du BTS//FR';

export interface IcsCalendar {
  /** The product identifier, e.g. "-//Académie de Reims//Épreuves de contrôle BTS//FR". */
  readonly prodId: string;
  readonly name?: string;
  readonly events: readonly IcsEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** `YYYYMMDDTHHMMSSZ`, in UTC. */
export function formatIcsUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line so that no physical line exceeds 75 octets (the
 * leading space of a continuation line counts), never splitting a UTF-8
 * character.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function property(name: string, value: string): string {
  return foldIcsLine(`${name}:${value}`);
}

/** `YYYYMMDD` of a "YYYY-MM-DD" calendar day. */
function icsDate(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Invalid day: ${day}`);
  return day.replace(/-/g, '');
}

/** The day after a "YYYY-MM-DD" calendar day (an all-day event's exclusive end). */
function nextDay(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function whenLines(when: IcsWhen): string[] {
  if ('day' in when)
    return [
      `DTSTART;VALUE=DATE:${icsDate(when.day)}`,
      `DTEND;VALUE=DATE:${icsDate(nextDay(when.day))}`,
    ];
  if ('at' in when) return [`DTSTART:${formatIcsUtc(when.at)}`];
  return [`DTSTART:${formatIcsUtc(when.start)}`, `DTEND:${formatIcsUtc(when.end)}`];
}

export function buildIcsCalendar(calendar: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    property('PRODID', calendar.prodId),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (calendar.name !== undefined)
    lines.push(property('X-WR-CALNAME', escapeIcsText(calendar.name)));
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      property('UID', event.uid),
      `DTSTAMP:${formatIcsUtc(event.stamp)}`,
      ...whenLines(event),
      property('SUMMARY', escapeIcsText(event.summary)),
    );
    if (event.description !== undefined)
      lines.push(property('DESCRIPTION', escapeIcsText(event.description)));
    if (event.location !== undefined)
      lines.push(property('LOCATION', escapeIcsText(event.location)));
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.join(CRLF) + CRLF;
}

/**
 * A UID from what an event is (never from its instant), so a calendar
 * replaces an event it already holds instead of duplicating it.
 */
export function icsUid(...parts: readonly string[]): string {
  return `${parts.map((p) => p.replace(/[^\w.-]/g, '_')).join('-')}@rattrapage.ac-reims.invalid`;
}

/** The stable UID of one convocation: one candidate, one test. */
export function convocationUid(candidateNumber: string, testCode: string): string {
  return icsUid(candidateNumber, testCode);
}
