import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DomainInputError } from '../errors.ts';
import {
  PARIS_TIME_ZONE,
  endOfParisDay,
  instantToParisWallTime,
  parisDateOf,
  parisWallTimeToInstant,
  startOfParisDay,
} from './paris-time.ts';

const HOUR = 3_600_000;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainInputError) return error.code;
    throw error;
  }
  return 'NO_ERROR';
}

describe('parisWallTimeToInstant', () => {
  it('is Paris time: UTC+2 in summer, UTC+1 in winter', () => {
    expect(PARIS_TIME_ZONE).toBe('Europe/Paris');
    expect(parisWallTimeToInstant('2024-06-28T10:00').toISOString()).toBe(
      '2024-06-28T08:00:00.000Z',
    );
    expect(parisWallTimeToInstant('2024-01-15T10:00').toISOString()).toBe(
      '2024-01-15T09:00:00.000Z',
    );
    expect(parisWallTimeToInstant('2024-07-10T16:30:15').toISOString()).toBe(
      '2024-07-10T14:30:15.000Z',
    );
    expect(parisWallTimeToInstant('2024-07-10T16:30:15.250').toISOString()).toBe(
      '2024-07-10T14:30:15.250Z',
    );
  });

  it.each([
    '',
    '2024-06-28',
    '2024-06-28 10:00',
    '2024-06-28t10:00',
    '2024-06-28T10',
    '2024-06-28T10:00Z',
    '2024-06-28T10:00+02:00',
    '2024-06-28T10:00[Europe/Paris]',
    '+002024-06-28T10:00',
    '2024-6-28T10:00',
    '2024-02-30T10:00',
    '2024-06-28T24:00',
    '2024-06-28T10:60',
    '2024-06-28T10:00:00.5',
  ])('rejects the malformed wall time %j', (wall) => {
    expect(codeOf(() => parisWallTimeToInstant(wall))).toBe('MALFORMED_WALL_TIME');
  });

  it('rejects a wall time in the spring-forward gap: it does not exist', () => {
    expect(codeOf(() => parisWallTimeToInstant('2025-03-30T02:30'))).toBe('NONEXISTENT_WALL_TIME');
    expect(codeOf(() => parisWallTimeToInstant('2025-03-30T02:00'))).toBe('NONEXISTENT_WALL_TIME');
    // Either side of the gap is fine.
    expect(parisWallTimeToInstant('2025-03-30T01:59').toISOString()).toBe(
      '2025-03-30T00:59:00.000Z',
    );
    expect(parisWallTimeToInstant('2025-03-30T03:00').toISOString()).toBe(
      '2025-03-30T01:00:00.000Z',
    );
  });

  it('rejects a wall time in the autumn overlap: it is ambiguous', () => {
    expect(codeOf(() => parisWallTimeToInstant('2025-10-26T02:30'))).toBe('AMBIGUOUS_WALL_TIME');
    expect(codeOf(() => parisWallTimeToInstant('2025-10-26T02:00'))).toBe('AMBIGUOUS_WALL_TIME');
    expect(parisWallTimeToInstant('2025-10-26T01:59').toISOString()).toBe(
      '2025-10-25T23:59:00.000Z',
    );
    expect(parisWallTimeToInstant('2025-10-26T03:00').toISOString()).toBe(
      '2025-10-26T02:00:00.000Z',
    );
  });

  it('spans 47 h across the March change and 49 h across the October change', () => {
    const span = (from: string, to: string) =>
      parisWallTimeToInstant(to).getTime() - parisWallTimeToInstant(from).getTime();
    expect(span('2025-03-29T10:00', '2025-03-31T10:00')).toBe(47 * HOUR);
    expect(span('2025-10-25T10:00', '2025-10-27T10:00')).toBe(49 * HOUR);
  });
});

describe('instantToParisWallTime', () => {
  it('shows minutes, and seconds or milliseconds only when not zero', () => {
    expect(instantToParisWallTime(new Date('2024-06-28T08:00:00.000Z'))).toBe('2024-06-28T10:00');
    expect(instantToParisWallTime(new Date('2024-06-28T08:00:05.000Z'))).toBe(
      '2024-06-28T10:00:05',
    );
    expect(instantToParisWallTime(new Date('2024-06-28T08:00:00.001Z'))).toBe(
      '2024-06-28T10:00:00.001',
    );
    expect(instantToParisWallTime(new Date('2024-12-31T23:30:00.000Z'))).toBe('2025-01-01T00:30');
  });

  it('rejects an invalid Date', () => {
    expect(codeOf(() => instantToParisWallTime(new Date(Number.NaN)))).toBe('INVALID_INSTANT');
    expect(codeOf(() => parisDateOf(new Date('nope')))).toBe('INVALID_INSTANT');
  });

  it('reads back to the same instant, except in the autumn overlap, which is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const wall = instantToParisWallTime(new Date(ms));
        const code = codeOf(() => parisWallTimeToInstant(wall));
        if (code === 'NO_ERROR') expect(parisWallTimeToInstant(wall).getTime()).toBe(ms);
        else expect(code).toBe('AMBIGUOUS_WALL_TIME');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parisDateOf and Paris days', () => {
  it('is the calendar day in Paris, not in UTC nor in the process zone', () => {
    // 23:30 UTC on 30 June is 01:30 on 1 July in Paris (and 19:30 on 30 June in New York).
    expect(parisDateOf(new Date('2024-06-30T23:30:00.000Z'))).toBe('2024-07-01');
    expect(parisDateOf(new Date('2024-06-30T21:59:59.999Z'))).toBe('2024-06-30');
    expect(parisDateOf(new Date('2024-06-30T22:00:00.000Z'))).toBe('2024-07-01');
  });

  it('starts and ends days at Paris midnight, 23 h and 25 h long on change days', () => {
    expect(startOfParisDay('2024-07-03').toISOString()).toBe('2024-07-02T22:00:00.000Z');
    expect(endOfParisDay('2024-07-03').toISOString()).toBe('2024-07-03T22:00:00.000Z');
    expect(endOfParisDay('2025-03-30').getTime() - startOfParisDay('2025-03-30').getTime()).toBe(
      23 * HOUR,
    );
    expect(endOfParisDay('2025-10-26').getTime() - startOfParisDay('2025-10-26').getTime()).toBe(
      25 * HOUR,
    );
    expect(codeOf(() => startOfParisDay('2024-06-31'))).toBe('MALFORMED_DATE');
    expect(codeOf(() => startOfParisDay('2024-7-3'))).toBe('MALFORMED_DATE');
  });
});
