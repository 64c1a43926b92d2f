import { describe, expect, it } from 'vitest';
import { examinerTimeOn } from './examiner-hours.ts';

describe('examinerTimeOn', () => {
  it.each([
    ['2024-07-03', '08:00', '2024-07-03T06:00:00.000Z'], // summer: UTC+2
    ['2024-12-03', '08:00', '2024-12-03T07:00:00.000Z'], // winter: UTC+1
    ['2024-07-03', '24:00', '2024-07-03T22:00:00.000Z'],
  ])('%s %s → %s', (day, time, iso) => {
    expect(examinerTimeOn(day, time).toISOString()).toBe(iso);
  });

  it.each(['8:00', '08h00', '25:00', '2024-07-03T08:00'])('refuses « %s »', (time) => {
    expect(() => examinerTimeOn('2024-07-03', time)).toThrow(/mal formée/);
  });
});
