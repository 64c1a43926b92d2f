import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/notifications/retry-policy.ts';

const policy = { baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 6 };

describe('retryDelayMs', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [6, null],
    [7, null],
  ])('after attempt %i: %s', (attempts, delay) => {
    expect(retryDelayMs(attempts, policy)).toBe(delay);
  });

  it('never shrinks, never passes the cap, stops at the last attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), (attempts) => {
        const p = DEFAULT_RETRY_POLICY;
        const d = retryDelayMs(attempts, p);
        const next = retryDelayMs(attempts + 1, p);
        if (attempts >= p.maxAttempts) expect(d).toBeNull();
        else {
          expect(d).not.toBeNull();
          expect(d).toBeLessThanOrEqual(p.maxDelayMs);
          if (next !== null) expect(next).toBeGreaterThanOrEqual(d ?? 0);
        }
      }),
    );
  });
});
