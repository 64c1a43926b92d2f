import { describe, expect, it } from 'vitest';
import { remainingTimeFr } from './candidate-countdown.ts';

const at = (iso: string) => new Date(iso);
const deadline = at('2024-07-01T08:00:00.000Z');

describe('remainingTimeFr', () => {
  it('counts days and hours, rounded down', () => {
    expect(remainingTimeFr(at('2024-06-29T04:30:00.000Z'), deadline)).toBe('2 jours et 3 heures');
    expect(remainingTimeFr(at('2024-06-30T08:00:00.000Z'), deadline)).toBe('1 jour');
  });
  it('counts hours and minutes under a day', () => {
    expect(remainingTimeFr(at('2024-07-01T02:48:00.000Z'), deadline)).toBe(
      '5 heures et 12 minutes',
    );
    expect(remainingTimeFr(at('2024-07-01T07:00:00.000Z'), deadline)).toBe('1 heure');
  });
  it('counts minutes under an hour, then less than a minute', () => {
    expect(remainingTimeFr(at('2024-07-01T07:53:00.000Z'), deadline)).toBe('7 minutes');
    expect(remainingTimeFr(at('2024-07-01T07:59:30.000Z'), deadline)).toBe('moins d’une minute');
  });
  it('is null at or after the deadline (half-open window)', () => {
    expect(remainingTimeFr(deadline, deadline)).toBeNull();
    expect(remainingTimeFr(at('2024-07-02T00:00:00.000Z'), deadline)).toBeNull();
  });
});
