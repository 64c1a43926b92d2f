import { describe, expect, it } from 'vitest';
import {
  buildIcsCalendar,
  convocationUid,
  escapeIcsText,
  foldIcsLine,
  formatIcsUtc,
} from './ics.ts';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('formatIcsUtc', () => {
  it('writes UTC basic format without milliseconds', () => {
    expect(formatIcsUtc(new Date('2024-07-03T07:40:00.000Z'))).toBe('20240703T074000Z');
  });
  it('rejects an invalid date', () => {
    expect(() => formatIcsUtc(new Date('nope'))).toThrow(RangeError);
  });
});

describe('escapeIcsText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});

describe('foldIcsLine', () => {
  it('leaves a short line alone', () => {
    expect(foldIcsLine('SUMMARY:court')).toBe('SUMMARY:court');
  });
  it('folds at 75 octets with CRLF and a space, and unfolds back', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldIcsLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, l] of physical.entries()) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(' ')).toBe(true);
    }
    expect(physical[0]).toHaveLength(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
  it('never splits a multi-byte character', () => {
    const line = `LOCATION:${'é'.repeat(100)}`;
    const folded = foldIcsLine(line);
    for (const l of folded.split('\r\n')) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      expect(l).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('buildIcsCalendar', () => {
  const ics = buildIcsCalendar({
    prodId: '-//Académie de Reims//Épreuves de contrôle BTS//FR',
    events: [
      {
        uid: convocationUid('02412345678', 'E1'),
        stamp: new Date('2024-07-02T16:00:00.000Z'),
        start: new Date('2024-07-03T07:00:00.000Z'),
        end: new Date('2024-07-03T07:40:00.000Z'),
        summary: 'Épreuve de contrôle : E1, Culture générale',
        description: 'Préparation à 9 h 00 ; oral à 9 h 20.\nSalle 12',
        location: 'Lycée Clemenceau, Reims',
      },
    ],
  });

  it('uses CRLF line endings only and ends with CRLF', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
  it('writes one VEVENT with UTC times, a stable UID and escaped text', () => {
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain('UID:02412345678-E1@rattrapage.ac-reims.invalid');
    expect(lines).toContain('DTSTAMP:20240702T160000Z');
    expect(lines).toContain('DTSTART:20240703T070000Z');
    expect(lines).toContain('DTEND:20240703T074000Z');
    expect(lines).toContain('SUMMARY:Épreuve de contrôle : E1\\, Culture générale');
    expect(lines).toContain('DESCRIPTION:Préparation à 9 h 00 \\; oral à 9 h 20.\\nSalle 12');
    expect(lines).toContain('LOCATION:Lycée Clemenceau\\, Reims');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });
  it('makes UIDs safe and stable', () => {
    expect(convocationUid('A 1', 'E2')).toBe('A_1-E2@rattrapage.ac-reims.invalid');
    expect(convocationUid('A 1', 'E2')).toBe(convocationUid('A 1', 'E2'));
  });
});

describe('event times', () => {
  const base = { uid: 'u@x', stamp: new Date('2024-06-01T00:00:00.000Z'), summary: 's' };
  const lines = (event: Parameters<typeof buildIcsCalendar>[0]['events'][number]) =>
    buildIcsCalendar({ prodId: 'p', events: [event] }).split('\r\n');

  it('ends a whole day at the next date, across a month and a year', () => {
    expect(lines({ ...base, day: '2024-06-30' })).toEqual(
      expect.arrayContaining(['DTSTART;VALUE=DATE:20240630', 'DTEND;VALUE=DATE:20240701']),
    );
    expect(lines({ ...base, day: '2024-12-31' })).toEqual(
      expect.arrayContaining(['DTSTART;VALUE=DATE:20241231', 'DTEND;VALUE=DATE:20250101']),
    );
  });
  it('writes an instant with no end', () => {
    const written = lines({ ...base, at: new Date('2024-07-10T14:30:00.000Z') });
    expect(written).toContain('DTSTART:20240710T143000Z');
    expect(written.some((l) => l.startsWith('DTEND'))).toBe(false);
  });
  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => lines({ ...base, day: '3 juillet' })).toThrow(RangeError);
  });
});
