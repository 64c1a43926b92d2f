/**
 * When a failed notification is tried again. Exponential back-off, capped,
 * so that a mail server that is down is not hammered and one back up is
 * used again within the cap; after `maxAttempts` the row is dead-lettered.
 */
export interface RetryPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

/** 1 min, 2, 4 … capped at 1 h; 10 attempts cover about 5 hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 10,
};

/**
 * The delay after the `attempts`-th failed attempt (1 for the first), or
 * null when there is to be no other attempt.
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exponent = Math.max(0, attempts - 1);
  // 2 ** exponent overflows to Infinity long before it matters; min caps it.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}
