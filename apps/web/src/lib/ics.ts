/**
 * A small iCalendar (RFC 5545) writer, enough for the convocations: one
 * VCALENDAR of VEVENTs with UTC times. Lines end with CRLF and are folded at
 * 75 octets; text values are escaped.
 */

export interface IcsEvent {
  /** Stable across downloads, so a calendar updates the event instead of duplicating it. */
  readonly uid: string;
  /** When this description of the event was produced. */
  readonly stamp: Date;
  readonly start: Date;
  readonly end: Date;
  readonly summary: string;
  readonly description?: string;
  readonly location?: string;
}

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
      `DTSTART:${formatIcsUtc(event.start)}`,
      `DTEND:${formatIcsUtc(event.end)}`,
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

/** The stable UID of one convocation: one candidate, one test. */
export function convocationUid(candidateNumber: string, testCode: string): string {
  const safe = (s: string) => s.replace(/[^\w.-]/g, '_');
  return `${safe(candidateNumber)}-${safe(testCode)}@rattrapage.ac-reims.invalid`;
}
