import { describe, expect, it } from 'vitest';
import { THROTTLE, growingDelayMs, limitFor } from './login-throttle.ts';

describe('growingDelayMs', () => {
  it.each<[number, number]>([
    [0, 0],
    [2, 0],
    [3, 1_000],
    [4, 2_000],
    [5, 4_000],
    [8, 32_000],
    [9, 60_000],
    [1_000, 60_000],
  ])('after %i failures waits %i ms', (failures, ms) => {
    expect(growingDelayMs(failures)).toBe(ms);
  });

  it('never waits longer than the cap: no permanent lock', () => {
    for (let f = 0; f < 200; f += 1)
      expect(growingDelayMs(f)).toBeLessThanOrEqual(THROTTLE.maxDelayMs);
  });
});

describe('limitFor', () => {
  it.each<[string, number]>([
    ['id:candidat.demo', THROTTLE.maxFailuresPerIdentifier],
    ['ip:127.0.0.1', THROTTLE.maxFailuresPerAddress],
    ['reset:id:candidat.demo', THROTTLE.maxResetRequestsPerIdentifier],
    ['reset:ip:127.0.0.1', THROTTLE.maxResetAttemptsPerAddress],
  ])('%s', (key, limit) => {
    expect(limitFor(key)).toBe(limit);
  });
});
