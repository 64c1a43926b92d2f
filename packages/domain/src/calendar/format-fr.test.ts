import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainInputError } from '../errors.ts';
import { formatParisDate, formatParisDateTime, formatParisTime } from './format-fr.ts';
import { parisWallTimeToInstant } from './paris-time.ts';

const paris = parisWallTimeToInstant;

describe('French formatting, in Paris time', () => {
  it.each([
    ['2024-06-28T10:00', 'vendredi 28 juin 2024 à 10 h 00'],
    ['2024-07-01T10:00', 'lundi 1er juillet 2024 à 10 h 00'],
    ['2024-07-01T19:00', 'lundi 1er juillet 2024 à 19 h 00'],
    ['2024-07-02T17:00', 'mardi 2 juillet 2024 à 17 h 00'],
    ['2024-07-10T16:30', 'mercredi 10 juillet 2024 à 16 h 30'],
    ['2024-08-01T09:05', 'jeudi 1er août 2024 à 9 h 05'],
    ['2024-12-01T00:00', 'dimanche 1er décembre 2024 à 0 h 00'],
    ['2025-02-11T23:59:59', 'mardi 11 février 2025 à 23 h 59'],
  ])('%s → « %s »', (wall, text) => {
    expect(formatParisDateTime(paris(wall))).toBe(text);
  });

  it('uses ordinary spaces only (documented choice)', () => {
    const text = formatParisDateTime(paris('2024-07-01T10:00'));
    expect(text).not.toMatch(/[\u00a0\u202f]/);
  });

  it('formats a day given as an instant or as "YYYY-MM-DD"', () => {
    expect(formatParisDate('2024-07-03')).toBe('mercredi 3 juillet 2024');
    expect(formatParisDate('2024-07-01')).toBe('lundi 1er juillet 2024');
    expect(formatParisDate(paris('2024-07-04T08:00'))).toBe('jeudi 4 juillet 2024');
    expect(formatParisTime(paris('2024-07-10T16:30'))).toBe('16 h 30');
    expect(() => formatParisDate('2024-07-32')).toThrow(DomainInputError);
  });

  it('takes the Paris day and hour, not the UTC or process-zone ones', () => {
    // 22:30 UTC on 30 June: 00:30 on 1 July in Paris, 18:30 on 30 June in New York.
    const d = new Date('2024-06-30T22:30:00.000Z');
    expect(formatParisDateTime(d)).toBe('lundi 1er juillet 2024 à 0 h 30');
  });

  it('agrees with Intl (fr-FR, Europe/Paris) on weekday and month names', () => {
    const intl = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (ms) => {
        const d = new Date(ms);
        const expected = intl
          .format(d)
          .replace(/\s+/gu, ' ')
          .replace(/^(\S+) 1 /u, '$1 1er ');
        expect(formatParisDate(d)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('says the same of an instant the first time and every time after, past any number of others', () => {
    const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 3000 }), (instants) => {
        const first = instants.map((ms) => formatParisDateTime(new Date(ms)));
        instants.forEach((ms, i) => {
          const d = new Date(ms);
          expect(first[i]).toBe(`${formatParisDate(d)} à ${formatParisTime(d)}`);
          expect(formatParisDateTime(new Date(ms))).toBe(first[i]);
        });
      }),
      { numRuns: 20 },
    );
  });
});
